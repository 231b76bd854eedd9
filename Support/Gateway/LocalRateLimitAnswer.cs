namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// Recognises the 429 of the gateway's LOCAL rate limiter, as Envoy Gateway v1.4.2 configures it, so a 429 from any
/// other layer (Envoy's global limiter, the model, a sidecar) is never counted as the tenant's rate limit.
/// </summary>
/// <remarks>
/// envoyproxy/gateway@v1.4.2 internal/xds/translator/local_ratelimit.go gives each route's local_ratelimit filter a
/// token bucket, filter_enabled/filter_enforced 100% and descriptors, and nothing else: no status (Envoy's default
/// 429), no response_headers_to_add, no enable_x_ratelimit_headers. Envoy (v1.34.1, the image v1.4.2 runs:
/// api/v1alpha1/shared_types.go) then answers with sendLocalReply(429, "local_rate_limited")
/// (envoyproxy/envoy source/extensions/filters/http/local_ratelimit/local_ratelimit.cc), a text/plain local reply, as
/// seen live in envoyproxy/gateway#5693. x-envoy-ratelimited is set only by Envoy's global ratelimit filter; x-ratelimit-*
/// headers come with the global limit (internal/xds/translator/ratelimit.go) and, for local limits, only from Envoy
/// Gateway v1.5.0 (envoyproxy/gateway#6059).
/// </remarks>
public static class LocalRateLimitAnswer
{
    public const string Body = "local_rate_limited";
    public const string GlobalLimitHeader = "x-envoy-ratelimited";

    /// <summary>Null when <paramref name="answer"/> is the local limiter's 429; otherwise why it is not.</summary>
    public static string? WhyNot(GatewayExchange answer)
    {
        if (answer.StatusCode != 429) return $"status {answer.StatusCode}, not 429";
        if (answer.Header(GlobalLimitHeader) is { } flag)
            return $"it carries {GlobalLimitHeader}: {flag}, which only Envoy's global rate-limit filter sets, not the local limiter of the tenant routes";
        if (answer.Headers.Keys.FirstOrDefault(h => h.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase)) is { } rateHeader)
            return $"it carries {rateHeader}, which Envoy Gateway v1.4.2 never adds to a local limit's answer (a global limit, or Envoy Gateway ≥ v1.5.0)";
        if (answer.Body.Trim() != Body) return $"body \"{Shorten(answer.Body)}\" is not the \"{Body}\" of Envoy's local reply";
        if (answer.Header("content-type") is { } type && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return $"content-type {type}, not the text/plain of Envoy's local reply";
        return null;
    }

    public static bool Is(GatewayExchange answer) => WhyNot(answer) is null;

    private static string Shorten(string body) => body.Length <= 60 ? body : body[..60] + "…";
}
