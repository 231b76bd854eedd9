using System.Net;
using System.Text.Json;
using InferenceBox.Specs.Support.Gateway;
using Polly;
using Polly.Timeout;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>One HTTP answer of an observability API: status and body, kept for diagnostics.</summary>
public sealed record ApiAnswer(Uri Url, HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public JsonDocument Json(string what)
    {
        try { return JsonDocument.Parse(Body); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what}: {Url} answered {(int)Status} with a body that is not JSON ({e.Message}): {Truncated}");
        }
    }

    public string Truncated => Body.Length <= 400 ? Body : Body[..400] + "…";
}

/// <summary>
/// GETs against the observability APIs (Prometheus, Jaeger, Grafana, Kiali). Only transport faults (connection
/// refused or reset, an attempt timing out) are retried, a few times with backoff; any HTTP answer, error or not,
/// is returned as it is, so a real 4xx/5xx is never hidden by a retry.
/// </summary>
public sealed class ObservabilityHttp(HttpClient http, Uri baseUrl, TimeSpan attemptTimeout)
{
    private readonly ResiliencePipeline pipeline = Pipeline(attemptTimeout);

    // The one transport retry (Gateway/TransportRetry). Each attempt has its own timeout; the overall bound is every
    // attempt's plus the backoff between them, so it never cuts the retries short.
    private static ResiliencePipeline Pipeline(TimeSpan perAttempt) =>
        TransportRetry.Build(perAttempt * (TransportRetry.MaxRetries + 1) + TimeSpan.FromSeconds(5), perAttempt, static _ => { });

    public Uri BaseUrl { get; } = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>The URL of <paramref name="relativePath"/> under the base URL (base path kept, e.g. /jaeger).</summary>
    public Uri Resolve(string relativePath) => new(BaseUrl, relativePath.TrimStart('/'));

    /// <summary>POSTs a form (application/x-www-form-urlencoded); returns the answer and its Set-Cookie headers.</summary>
    public async Task<(ApiAnswer Answer, IReadOnlyList<string> SetCookies)> PostFormAsync(string relativePath,
        IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        var url = Resolve(relativePath);
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
                using var response = await http.SendAsync(request, token);
                var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
                return (new ApiAnswer(url, response.StatusCode, await response.Content.ReadAsStringAsync(token)), (IReadOnlyList<string>)cookies);
            }, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new HttpRequestException($"POST {url} timed out on every attempt ({e.Timeout.TotalSeconds:0.#}s each).", e);
        }
    }

    public async Task<ApiAnswer> GetAsync(string relativePath, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        var url = Resolve(relativePath);
        try
        {
            return await pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request, token);
            return new ApiAnswer(url, response.StatusCode, await response.Content.ReadAsStringAsync(token));
            }, ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new HttpRequestException($"GET {url} timed out on every attempt ({e.Timeout.TotalSeconds:0.#}s each).", e);
        }
    }
}
