namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// How a burst was answered: passed (200), refused by the gateway's local rate limiter (a 429 of exactly its shape,
/// <see cref="LocalRateLimitAnswer"/>), and every other answer with why it is neither.
/// </summary>
public sealed record BurstSummary(int Sent, int Passed, int Limited, IReadOnlyList<string> Others)
{
    public static BurstSummary Of(IReadOnlyList<GatewayExchange> burst) => new(
        burst.Count,
        burst.Count(e => e.StatusCode == 200),
        burst.Count(LocalRateLimitAnswer.Is),
        burst.Where(e => e.StatusCode != 200 && !LocalRateLimitAnswer.Is(e))
            .Select(e => $"{e.StatusCode} (request id {e.RequestId}): {LocalRateLimitAnswer.WhyNot(e)}").ToList());

    public override string ToString() =>
        $"{Sent} sent: {Passed} passed, {Limited} refused by the local rate limiter, {Others.Count} other" +
        (Others.Count == 0 ? "" : $" [{string.Join("; ", Others)}]");
}
