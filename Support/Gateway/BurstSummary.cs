namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// How a burst was answered: passed (200), rate limited (429), anything else, and how many 429s lacked the
/// rate-limit header (a 429 without it did not come from the gateway's rate limiter).
/// </summary>
public sealed record BurstSummary(int Sent, int Passed, int Limited, int LimitedWithoutHeader, IReadOnlyList<string> Others)
{
    public const string RateLimitedHeader = "x-envoy-ratelimited";

    public static BurstSummary Of(IReadOnlyList<GatewayExchange> burst, string header = RateLimitedHeader) => new(
        burst.Count,
        burst.Count(e => e.StatusCode == 200),
        burst.Count(e => e.StatusCode == 429),
        burst.Count(e => e.StatusCode == 429 && e.Header(header) is null),
        burst.Where(e => e.StatusCode is not (200 or 429)).Select(e => $"{e.StatusCode} (request id {e.RequestId})").ToList());

    public override string ToString() =>
        $"{Sent} sent: {Passed} passed, {Limited} rate limited ({LimitedWithoutHeader} without {RateLimitedHeader}), " +
        $"{Others.Count} other [{string.Join(", ", Others)}]";
}
