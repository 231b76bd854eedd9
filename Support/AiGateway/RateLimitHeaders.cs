using System.Globalization;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// What Envoy's global rate-limit filter says about an answer, in the X-RateLimit headers of draft 03 that Envoy Gateway
/// enables (envoyproxy/gateway@v1.4.2 internal/xds/translator/ratelimit.go EnableXRatelimitHeaders DRAFT_VERSION_03; its e2e
/// test/e2e/tests/ratelimit.go expects "X-Ratelimit-Limit: 3, 3;w=3600" on served answers): the limit of the descriptor
/// closest to it, what remains of it at the check (limit minus the window's counter, envoyproxy/ratelimit
/// src/limiter/base_limiter.go), and the seconds until the window resets. On its own 429 the filter adds
/// x-envoy-ratelimited: true. Null fields: the header is absent or unreadable.
/// </summary>
public sealed record RateLimitHeaders(long? Limit, long? WindowSeconds, long? Remaining, long? ResetSeconds, bool EnvoyRateLimited)
{
    public static RateLimitHeaders Of(GatewayExchange e)
    {
        var limit = e.Header("x-ratelimit-limit");
        var first = limit?.Split(',')[0].Trim();
        var window = limit?.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("w=", StringComparison.Ordinal))?[2..];
        return new RateLimitHeaders(Number(first), Number(window), Number(e.Header("x-ratelimit-remaining")),
            Number(e.Header("x-ratelimit-reset")), string.Equals(e.Header("x-envoy-ratelimited"), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static long? Number(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// The fixed window the check of <paramref name="e"/> counted in, as the unix time it ends: windows are aligned to the
    /// clock (envoyproxy/ratelimit src/utils: the window starts at now / divider * divider), so the send time plus the reset
    /// the gateway reported, rounded to a whole window, names it whatever the request's latency. Null without the headers.
    /// </summary>
    public long? WindowEnd(GatewayExchange e, long windowSeconds)
    {
        if (ResetSeconds is not { } reset || e.SentAt is not { } sent) return null;
        var end = sent.ToUnixTimeMilliseconds() / 1000.0 + reset;
        return (long)Math.Round(end / windowSeconds) * windowSeconds;
    }
}
