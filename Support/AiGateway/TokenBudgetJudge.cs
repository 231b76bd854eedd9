using System.Globalization;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>A tenant's token budget as manifests/gateway/ai-gateway.yaml declares it (openai-token-budget): tokens per window.</summary>
public sealed record TokenBudget(long Limit, long WindowSeconds)
{
    public static readonly TokenBudget PerTenant = new(500, 60);
}

/// <summary>What the judge found, and a one-line account of each window for the report.</summary>
public sealed record BudgetVerdict(IReadOnlyList<string> Problems, IReadOnlyList<string> Windows)
{
    public override string ToString() => string.Join("; ", Windows);
}

/// <summary>
/// The token budget's arithmetic, from one tenant's answers in the order sent (one at a time). Envoy Gateway's global limit
/// checks each request at cost 0 and charges each response's usage.total_tokens once the response is done
/// (envoyproxy/gateway@v1.4.2 internal/xds/translator/ratelimit.go: hits_addend, apply_on_stream_done), and envoyproxy/ratelimit
/// refuses a check when the window's counter exceeds the limit (src/limiter/base_limiter.go: limitAfterIncrease &gt; limit).
/// Each served answer carries X-RateLimit-Remaining, limit minus the counter at its check (<see cref="RateLimitHeaders"/>).
/// So, within one window, from the first served answer f (whose counter may hold tokens spent before the scenario):
/// <list type="bullet">
/// <item>the counter at a later check rose by the tokens the answers since f reported, except perhaps the last one, whose
/// charge may still be on its way (it is sent when the response is done, as the client reads it) — more is over-charging,
/// less is a response cost not charged;</item>
/// <item>a served answer whose counter, even without the last charge, was above the limit should have been refused;</item>
/// <item>a refusal whose counter, even with every charge, was at most the limit came too early;</item>
/// <item>and the tenant must meet a refusal after spending in some window, or the budget is not enforced.</item>
/// </list>
/// Any answer other than 200 or 429 is another layer's and fails. Tested on recorded-shape answers: tests AiGateway/TokenBudgetJudgeTests.
/// </summary>
public static class TokenBudgetJudge
{
    /// <summary>A refusal this far from its window's end leaves time to show another tenant served in the same window.</summary>
    public const long ConclusiveMarginSeconds = 10;

    /// <summary>The last answer is a refusal after a served answer of the same window, with at least the margin left in it.</summary>
    public static bool IsConclusive(IReadOnlyList<GatewayExchange> answers, TokenBudget budget)
    {
        if (answers.Count == 0 || answers[^1].StatusCode != 429) return false;
        var last = RateLimitHeaders.Of(answers[^1]);
        var window = last.WindowEnd(answers[^1], budget.WindowSeconds);
        return last.ResetSeconds >= ConclusiveMarginSeconds && window is not null
               && answers.Any(a => a.StatusCode == 200 && RateLimitHeaders.Of(a).WindowEnd(a, budget.WindowSeconds) == window);
    }

    /// <summary>
    /// Why a refusal is not the token budget's own: Envoy's global rate-limit filter answers 429 with x-envoy-ratelimited: true
    /// and, from Envoy Gateway, the X-RateLimit headers of the descriptor that is over: the budget's limit, none remaining
    /// (recorded answer: tests Gateway/Fixtures/rate-limited-answers.json "global"). The local limiter's 429 has neither
    /// (body "local_rate_limited"), nor has a backend's.
    /// </summary>
    public static IReadOnlyList<string> RefusalProblems(GatewayExchange e, TokenBudget budget)
    {
        var h = RateLimitHeaders.Of(e);
        var problems = new List<string>();
        if (e.StatusCode != 429) problems.Add($"the answer is {e.StatusCode}, not 429");
        if (!h.EnvoyRateLimited) problems.Add("there is no x-envoy-ratelimited: true, which Envoy's global rate-limit filter sets on its 429");
        if (h.Limit != budget.Limit || h.WindowSeconds != budget.WindowSeconds)
            problems.Add($"X-RateLimit-Limit is \"{e.Header("x-ratelimit-limit")}\", not the token budget's \"{budget.Limit}, {budget.Limit};w={budget.WindowSeconds}\"");
        if (h.Remaining != 0) problems.Add($"X-RateLimit-Remaining is \"{e.Header("x-ratelimit-remaining")}\", not 0");
        return problems;
    }

    /// <summary>
    /// Why <paramref name="served"/> does not show another tenant served while <paramref name="refusal"/>'s tenant is refused:
    /// it must be a 200 whose answer arrived before the refused window ended (the refusal's send time plus its
    /// X-RateLimit-Reset, on the client's clock; the gateway's clock is the same machine's). Null when it does.
    /// </summary>
    public static string? ServedWhileRefused(GatewayExchange refusal, GatewayExchange served)
    {
        if (served.StatusCode != 200) return $"the other tenant got {served.StatusCode}: \"{OpenAiJson.Short(served.Body)}\"";
        if (RateLimitHeaders.Of(refusal).ResetSeconds is not { } reset || refusal.SentAt is not { } refusedAt || served.SentAt is not { } sentAt)
            return "the refusal has no X-RateLimit-Reset (or an answer no send time): its window's end is unknown";
        var windowEnd = refusedAt.AddSeconds(reset);
        var answeredAt = sentAt + served.Latency;
        return answeredAt < windowEnd ? null
            : $"the other tenant's answer came at {answeredAt:HH:mm:ss.fff}, after the refused window ended at {windowEnd:HH:mm:ss}: nothing shows both at once";
    }

    public static BudgetVerdict Judge(IReadOnlyList<GatewayExchange> answers, TokenBudget budget)
    {
        var problems = new List<string>();
        var windows = new List<string>();
        var refusedAfterSpending = false;
        var numbered = answers.Select((e, i) => (Answer: e, Number: i + 1, Headers: RateLimitHeaders.Of(e))).ToList();
        foreach (var (e, n, h) in numbered.Where(a => a.Answer.StatusCode is not (200 or 429)))
            problems.Add($"answer {n} is {e.StatusCode} \"{OpenAiJson.Short(e.Body)}\": neither served nor refused by the token budget");
        foreach (var (e, n, h) in numbered.Where(a => a.Answer.StatusCode == 200 && (a.Headers.Limit != budget.Limit || a.Headers.Remaining is null)))
            problems.Add($"served answer {n} has X-RateLimit-Limit {h.Limit?.ToString(CultureInfo.InvariantCulture) ?? "none"} and X-RateLimit-Remaining " +
                $"{h.Remaining?.ToString(CultureInfo.InvariantCulture) ?? "none"}: the {budget.Limit}-token budget does not govern it");
        foreach (var window in numbered.Where(a => a.Answer.StatusCode is 200 or 429)
                     .GroupBy(a => a.Headers.WindowEnd(a.Answer, budget.WindowSeconds)))
        {
            if (window.Key is null)
            {
                problems.Add($"answers {string.Join(", ", window.Select(a => a.Number))} have no X-RateLimit-Reset: no global limit checked them");
                continue;
            }
            var (baseline, reported, last, served) = ((long?)null, 0L, 0L, 0);
            foreach (var (e, n, h) in window)
            {
                if (e.StatusCode == 200 && h.Remaining is { } remaining)
                {
                    var counter = budget.Limit - remaining;
                    if (baseline is null) baseline = counter;
                    else if (counter - baseline > reported)
                        problems.Add($"answer {n}: the gateway counted {counter - baseline} tokens since answer {window.First(a => a.Answer.StatusCode == 200).Number}, the answers reported {reported}: it charges more than the usage");
                    else if (counter - baseline < reported - last)
                        problems.Add($"answer {n}: the gateway counted {counter - baseline} tokens since the window's first served answer, the answers reported {reported}: responses' token costs are not charged");
                    if (baseline + reported - last > budget.Limit)
                        problems.Add($"answer {n} was served with at least {baseline + reported - last} of {budget.Limit} tokens spent in its window: it should have been refused");
                    last = AiGatewayAnswers.UsageOf(e)?.TotalTokens ?? 0;
                    if (last == 0) problems.Add($"served answer {n} reports no total_tokens: nothing could be charged");
                    reported += last;
                    served++;
                }
                else if (e.StatusCode == 429 && baseline is not null)
                {
                    refusedAfterSpending = true;
                    if (baseline + reported <= budget.Limit)
                        problems.Add($"answer {n} was refused with at most {baseline + reported} of {budget.Limit} tokens spent in its window: too early");
                }
            }
            var refused = window.Count(a => a.Answer.StatusCode == 429);
            windows.Add($"window ending {DateTimeOffset.FromUnixTimeSeconds(window.Key.Value):HH:mm:ss}: {served} served reporting {reported} tokens " +
                $"after {baseline?.ToString(CultureInfo.InvariantCulture) ?? "?"} already counted, {refused} refused");
        }
        if (!refusedAfterSpending)
            problems.Add($"no refusal came after the tenant spent in a window ({answers.Count} answers): the {budget.Limit}-token budget is not enforced");
        return new BudgetVerdict(problems, windows);
    }
}
