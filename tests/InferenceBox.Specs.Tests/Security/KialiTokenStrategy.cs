using System.Net;
using System.Net.Http.Headers;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// Kiali v2.11.0 with auth.strategy token, as far as the suite's client meets it (kiali/kiali@v2.11.0):
/// POST {web root}/api/authenticate with the form field "token" opens a session when the token is good: 200, a JSON
/// UserSessionData (expiresOn, username) and Set-Cookie "kiali-token-&lt;cluster&gt;" with Path the web root, HttpOnly,
/// SameSite=Strict (handlers/authentication/token_auth_controller.go Authenticate, session_persistor.go CreateSession);
/// a bad token: 401 {"error":"token is not valid or is expired"} (handlers/authentication.go Authenticate, handlers/base.go
/// RespondWithError). Any other API call without the session cookie: 401 and http.Error's "Unauthorized\n"
/// (handlers/authentication.go AuthenticationHandler.Handle). <see cref="ForgetSessions"/> stands for a restarted Kiali.
/// </summary>
internal sealed class KialiTokenStrategy(string goodToken, string body) : HttpMessageHandler
{
    private const string Cookie = "kiali-token-Kubernetes";
    private string _session = Guid.NewGuid().ToString("N");
    public List<HttpRequestMessage> Requests { get; } = [];
    public List<string> Forms { get; } = [];
    public int Logins { get; private set; }

    public void ForgetSessions() => _session = Guid.NewGuid().ToString("N");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/kiali/api/authenticate")
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            Forms.Add(form);
            if (form != "token=" + Uri.EscapeDataString(goodToken))
                return Json(HttpStatusCode.Unauthorized, """{"error":"token is not valid or is expired"}""");
            Logins++;
            var ok = Json(HttpStatusCode.OK, """{"expiresOn":"2026-12-02T10:00:00Z","username":"inferencebox-kiali-reader"}""");
            ok.Headers.Add("Set-Cookie", $"{Cookie}={_session}; Path=/kiali; Expires=Wed, 02 Dec 2026 10:00:00 GMT; HttpOnly; SameSite=Strict");
            return ok;
        }
        var cookie = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
        return cookie.Contains($"{Cookie}={_session}", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, body)
            : new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("Unauthorized\n") };
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } } };
}
