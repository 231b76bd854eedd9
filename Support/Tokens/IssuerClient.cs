using System.Text.Json;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Specs.Support.Gateway;
using Polly;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>The issuer refused a token the suite needed: status and its §5.2 error (which never holds a secret).</summary>
public sealed class IssuerException(string message) : Exception(message);

/// <summary>
/// Talks to the JWT issuer as an OAuth 2.0 client would: POST /token with the client credentials grant (RFC 6749
/// §4.4.2, form-encoded, HTTP Basic client authentication) and GET /.well-known/jwks.json. Transport faults are
/// retried (Polly, bounded by the api-call budget); HTTP answers are never retried.
/// </summary>
public sealed class IssuerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>The run's issuer client: reached through the gateway, over the run's HTTPS client that trusts exactly the
    /// platform's CA (<see cref="Gateway.Tls.GatewayTrust"/>). Scenario containers build it from the registered trust.</summary>
    public IssuerClient(RunContext run, Gateway.Tls.GatewayTrust trust)
        : this(run.Settings.IssuerUrl, run.Budgets.ApiCall, trust.HttpClient) { }

    private IssuerClient(Uri baseUrl, TimeSpan budget, HttpClient? http)
    {
        BaseUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // The one transport retry (Gateway/TransportRetry): the issuer has no timeline of its own to log retries to.
        _pipeline = TransportRetry.Build(budget, TimeSpan.FromTicks(budget.Ticks / 4), static _ => { });
    }

    /// <summary>A client for an issuer at <paramref name="baseUrl"/> (tests, or tools outside a run).</summary>
    public static IssuerClient For(Uri baseUrl, TimeSpan? budget = null, HttpClient? http = null) =>
        new(baseUrl, budget ?? TimeSpan.FromSeconds(30), http);

    public Uri BaseUrl { get; }

    /// <summary>
    /// POST /token as <paramref name="client"/> (HTTP Basic; none when null; client_secret_post when asked), recording
    /// the answer whatever its status.
    /// </summary>
    public Task<TokenAnswer> RequestTokenAsync(ClientCredentials? client, TokenAsk ask, CancellationToken ct = default, bool secretInBody = false) =>
        _pipeline.ExecuteAsync(async token =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "token")) { Content = new FormUrlEncodedContent(Form(client, ask, secretInBody)) };
            if (client is not null && !secretInBody) message.Headers.Authorization = client.BasicHeader();
            using var response = await _http.SendAsync(message, token);
            return await ReadAsync(response, token);
        }, ct).AsTask();

    /// <summary>A token for <paramref name="client"/>, or <see cref="IssuerException"/> naming the refusal.</summary>
    public async Task<TokenAnswer> TokenAsync(ClientCredentials client, TokenAsk? ask = null, CancellationToken ct = default)
    {
        var answer = await RequestTokenAsync(client, ask ?? TokenAsk.Default, ct);
        return answer.HasToken ? answer
            : throw new IssuerException($"POST {BaseUrl}token as {client} was refused: {answer}");
    }

    public async Task<JsonWebKeySet> JwksAsync(CancellationToken ct = default) =>
        await _pipeline.ExecuteAsync(async token =>
        {
            using var response = await _http.GetAsync(new Uri(BaseUrl, ".well-known/jwks.json"), token);
            var body = await response.Content.ReadAsStringAsync(token);
            return response.IsSuccessStatusCode ? new JsonWebKeySet(body)
                : throw new IssuerException($"GET {BaseUrl}.well-known/jwks.json answered {(int)response.StatusCode}: {body}");
        }, ct);

    private static List<KeyValuePair<string, string>> Form(ClientCredentials? client, TokenAsk ask, bool secretInBody)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (ask.Tenant is not null) form.Add(new("tenant", ask.Tenant));
        if (ask.Audience is not null) form.Add(new("audience", ask.Audience));
        if (ask.Scope is not null) form.Add(new("scope", ask.Scope));
        if (ask.ExpiresIn is { } seconds) form.Add(new("expires_in", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (client is not null && secretInBody) form.AddRange(client.PostFields());
        return form;
    }

    private static async Task<TokenAnswer> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var contentType = response.Content.Headers.ContentType?.ToString();
        string? error = null, description = null, token = null;
        int? expiresIn = null;
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                error = Text(root, "error");
                description = Text(root, "error_description");
                token = Text(root, "access_token");
                if (root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds)) expiresIn = seconds;
            }
            catch (JsonException) { } // not the issuer's JSON: the body is kept as text for the report
        }
        return new TokenAnswer((int)response.StatusCode, error, description, response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString(),
            response.Headers.CacheControl?.ToString(), response.Headers.Pragma.FirstOrDefault()?.ToString(), contentType,
            token is null ? body : "", expiresIn) { AccessToken = token };
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
