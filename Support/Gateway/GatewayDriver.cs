using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;
using Polly;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// Calls the platform's gateway and records every exchange in the scenario's timeline (claims, never tokens). Never
/// throws on an HTTP status: a 401, 403, 429 or 503 is an answer the scenarios assert on. Transport faults (no HTTP answer) are retried a few times within the
/// <see cref="WaitBudgets.Names.GatewayRequest"/> budget, then surface as <see cref="GatewayUnreachableException"/>.
/// The model gateway by default; <paramref name="entryPoint"/> names another (the AI gateway), the setting of its URL, and the
/// name its exchanges carry in the timeline.
/// </summary>
public sealed class GatewayDriver(RunContext run, ScenarioTimeline timeline, HttpClient? http = null,
    (Uri Url, string Setting, string Name)? entryPoint = null)
{
    public const string TimelineName = "gateway";

    public const string RequestIdHeader = "x-request-id";
    // Without the run's trust (tests that pass no client): plain loopback stubs only. A redirect is an answer, never followed.
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the Polly pipeline owns every timeout
    };

    private readonly HttpClient _http = http ?? SharedHttp;
    private readonly ResiliencePipeline _pipeline = TransportRetry.Build(
        run.Budgets.GatewayRequest, run.Budgets.GatewayAttempt,
        what => timeline.Record(entryPoint?.Name ?? TimelineName, what));

    /// <summary>This driver's latest answered exchange (the refusal steps judge it), or null before any.</summary>
    public GatewayExchange? Last { get; private set; }

    public Task<GatewayExchange> PredictV1Async(string tenant, string model, string? bearerToken, double[][] instances,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ModelPath(tenant, model, KServePayloads.V1Path(model)), bearerToken,
            Json(KServePayloads.V1Request(instances)), headers, ct);

    public Task<GatewayExchange> InferV2Async(string tenant, string model, string? bearerToken, double[][] inputs,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ModelPath(tenant, model, KServePayloads.V2Path(model)), bearerToken,
            Json(KServePayloads.V2Request(inputs)), headers, ct);

    /// <summary>
    /// The V1 probe with the token in an access_token query parameter and no Authorization header, as a client that puts
    /// tokens in URLs sends it (issue 19 item 5). The exchange keeps the URL as sent; the redactor takes the token out of
    /// every report (src/InferenceBox.Platform/Diagnostics/Redactor.cs).
    /// </summary>
    public Task<GatewayExchange> PredictV1WithTokenInQueryAsync(string tenant, string model, string token, double[][] instances,
        CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ModelPath(tenant, model, KServePayloads.V1Path(model)) + "?access_token=" + Uri.EscapeDataString(token),
            null, Json(KServePayloads.V1Request(instances)), null, ct);

    public static IReadOnlyList<long> V1Predictions(GatewayExchange e) => KServePayloads.V1Predictions(e);
    public static IReadOnlyList<long> V2Outputs(GatewayExchange e) => KServePayloads.V2Outputs(e);

    /// <summary>The gateway path of a model's KServe endpoint: /&lt;tenant&gt;/&lt;model&gt;/&lt;KServe path&gt;.</summary>
    public static string ModelPath(string tenant, string model, string kservePath) => $"/{tenant}/{model}/{kservePath.TrimStart('/')}";

    /// <summary>
    /// A call without a token to the gateway's plain HTTP address (INFERENCEBOX_GATEWAY_HTTP_URL), which must only
    /// redirect: the @tls scenarios send it. It has no token parameter on purpose.
    /// </summary>
    public Task<GatewayExchange> SendPlainHttpAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null, CancellationToken ct = default) =>
        SendAsync(method, pathAndQuery, null, content, null, ct, run.Settings.GatewayHttpUrl);

    public async Task<GatewayExchange> SendAsync(HttpMethod method, string pathAndQuery, string? bearerToken,
        HttpContent? content = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default, Uri? baseUrl = null)
    {
        var url = new Uri(baseUrl ?? entryPoint?.Url ?? run.Settings.GatewayUrl, pathAndQuery);
        // Issue 13: a bearer token never travels over plain HTTP from the suite, whatever the settings say (either gateway).
        if (bearerToken is not null && url.Scheme != Uri.UriSchemeHttps)
            throw new PlainHttpTokenException(method, url, entryPoint?.Setting ?? "INFERENCEBOX_GATEWAY_URL");
        // Content is buffered once so every attempt can send an identical copy.
        var body = content is null ? null : await content.ReadAsByteArrayAsync(ct);
        var requestId = headers?.FirstOrDefault(h => h.Key.Equals(RequestIdHeader, StringComparison.OrdinalIgnoreCase)).Value
                        ?? Guid.NewGuid().ToString("N");
        var sentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                using var request = BuildRequest(method, url, bearerToken, body, content?.Headers, headers, requestId);
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, ct);
        }
        catch (Exception e) when (TransportRetry.IsTlsRefusal(e))
        {
            timeline.Record(entryPoint?.Name ?? TimelineName, Redactor.Redact($"{method} {url.PathAndQuery}: TLS handshake refused ({e.GetBaseException().Message})"));
            throw new GatewayTlsException(method, url, e, entryPoint?.Setting ?? "INFERENCEBOX_GATEWAY_URL");
        }
        catch (Exception e) when (TransportRetry.IsTransportFault(e) || e is Polly.Timeout.TimeoutRejectedException)
        {
            timeline.Record(entryPoint?.Name ?? TimelineName, Redactor.Redact($"{method} {url.PathAndQuery}: no answer after retries ({e.GetType().Name})"));
            throw new GatewayUnreachableException(method, url, clock.Elapsed, e, entryPoint?.Setting ?? "INFERENCEBOX_GATEWAY_URL");
        }
        using (response)
        {
            var exchange = new GatewayExchange(method.Method, url, (int)response.StatusCode, HeadersOf(response),
                await response.Content.ReadAsStringAsync(ct), clock.Elapsed,
                response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.First() : requestId,
                TokenClaims.Of(bearerToken), attempts, sentAt);
            timeline.RecordExchange(exchange, entryPoint?.Name ?? TimelineName);
            return Last = exchange;
        }
    }

    private static HttpRequestMessage BuildRequest(HttpMethod method, Uri url, string? bearerToken, byte[]? body,
        HttpContentHeaders? contentHeaders, IReadOnlyDictionary<string, string>? headers, string requestId)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            foreach (var h in contentHeaders ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                request.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }
        if (bearerToken is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearerToken);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        if (!request.Headers.Contains(RequestIdHeader)) request.Headers.TryAddWithoutValidation(RequestIdHeader, requestId);
        return request;
    }

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

/// <summary>The gateway gave no HTTP answer at all, even after the transport retries.</summary>
public sealed class GatewayUnreachableException(HttpMethod method, Uri url, TimeSpan elapsed, Exception inner, string setting = "INFERENCEBOX_GATEWAY_URL")
    : Exception($"{method} {url} got no HTTP answer within {elapsed.TotalSeconds:0.#}s after {TransportRetry.MaxRetries} retries: " +
                $"{inner.Message}. Is the gateway up and {setting} right?", inner);

/// <summary>The suite refused to send a bearer token over plain HTTP (issue 13): only HTTPS carries tokens.</summary>
public sealed class PlainHttpTokenException(HttpMethod method, Uri url, string setting = "INFERENCEBOX_GATEWAY_URL")
    : InvalidOperationException($"Refused to send {method} {url.GetLeftPart(UriPartial.Path)} with a bearer token over plain HTTP: tokens " +
                                $"travel only over HTTPS. Set {setting} to the gateway's https:// address.");

/// <summary>The TLS handshake with the gateway failed: its certificate is not signed by the CA the suite trusts, or not for this host.</summary>
public sealed class GatewayTlsException(HttpMethod method, Uri url, Exception inner, string setting = "INFERENCEBOX_GATEWAY_URL")
    : Exception($"{method} {url.GetLeftPart(UriPartial.Path)}: the TLS handshake was refused ({inner.GetBaseException().Message}). The suite " +
                "trusts only the platform's CA (provision: the gateway's TLS Secret; attach: INFERENCEBOX_GATEWAY_CA_FILE): is it the CA " +
                $"that signed the gateway's certificate, and does that certificate name the host of {setting}?", inner);
