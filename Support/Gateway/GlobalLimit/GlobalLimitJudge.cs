using InferenceBox.Specs.Support.AiGateway;

namespace InferenceBox.Specs.Support.Gateway.GlobalLimit;

/// <summary>The gateway-wide limit as manifests/gateway/rate-limit-global.yaml sets it: requests per fixed window.</summary>
public sealed record GatewayWideLimit(long Requests, long WindowSeconds)
{
    public static readonly GatewayWideLimit Manifest = new(1000, 60);

    /// <summary>X-RateLimit-Limit as Envoy's draft-03 headers write it for this limit ("1000, 1000;w=60").</summary>
    public string Header => $"{Requests}, {Requests};w={WindowSeconds}";
}

/// <summary>One answer of a burst: who sent it and which proxy replica (pod) logged it (null: not found in the logs).</summary>
public sealed record BurstAnswer(GatewayExchange Exchange, string Tenant, string? Replica);

/// <summary>Accepted (200) answers of one window, in total and per replica and per tenant.</summary>
public sealed record WindowCount(long WindowEnd, int Accepted, int Refused, IReadOnlyDictionary<string, int> AcceptedPerReplica,
    IReadOnlyDictionary<string, int> AcceptedPerTenant)
{
    public override string ToString() => $"window ending {DateTimeOffset.FromUnixTimeSeconds(WindowEnd):HH:mm:ss}: {Accepted} accepted, " +
        $"{Refused} refused (accepted per replica: {string.Join(", ", AcceptedPerReplica.Select(p => $"{p.Key} {p.Value}"))}; " +
        $"per tenant: {string.Join(", ", AcceptedPerTenant.Select(p => $"{p.Key} {p.Value}"))})";
}

/// <summary>
/// Judges a burst against the gateway-wide limit. envoyproxy/ratelimit counts a descriptor in fixed windows aligned to the
/// clock, one Redis key per window, incremented atomically (INCRBY) and refused once the count after the increment is above
/// the limit (src/limiter/base_limiter.go). So, whatever the number of Envoy replicas and tenants:
/// <list type="bullet">
/// <item>per window, at most L requests are accepted: tolerance 0 within a window. A burst that straddles k windows may
/// pass up to k·L in total (the window-boundary effect); each answer's window is read from its own X-RateLimit-Reset
/// (<see cref="RateLimitHeaders.WindowEnd"/>), so the bound is checked per window, not on a guess of the burst's timing;</item>
/// <item>the accepted answers of one window carry distinct X-RateLimit-Remaining values (one counter, L−1 down to 0);</item>
/// <item>every refusal is the global limiter's 429 (x-envoy-ratelimited: true, X-RateLimit-Limit of this limit, 0 remaining);</item>
/// <item>it is global, not per replica or per tenant, when some 429 came from a replica that accepted fewer than L in that
/// window while the other replica also answered, and went to a tenant that had fewer than L accepted: a counter of that
/// replica or of that tenant alone would not have refused it. Without such a 429 the burst proves nothing and fails.</item>
/// </list>
/// </summary>
public static class GlobalLimitJudge
{
    public static (IReadOnlyList<string> Problems, IReadOnlyList<WindowCount> Windows) Judge(IReadOnlyList<BurstAnswer> answers, GatewayWideLimit limit)
    {
        var problems = new List<string>();
        var windowed = new List<(BurstAnswer Answer, long Window, RateLimitHeaders Headers)>();
        foreach (var group in answers.Where(a => a.Exchange.StatusCode is not (200 or 429)).GroupBy(a => a.Exchange.StatusCode))
            problems.Add($"{group.Count()} answers were {group.Key}, neither accepted (200) nor limited (429), e.g. \"{Short(group.First().Exchange.Body)}\"");
        foreach (var a in answers.Where(a => a.Exchange.StatusCode is 200 or 429))
        {
            var h = RateLimitHeaders.Of(a.Exchange);
            if (h.Limit != limit.Requests || h.WindowSeconds != limit.WindowSeconds)
                problems.Add($"{Describe(a)}: X-RateLimit-Limit is \"{a.Exchange.Header("x-ratelimit-limit")}\", not the gateway-wide \"{limit.Header}\"");
            else if (a.Exchange.StatusCode == 429 && (!h.EnvoyRateLimited || h.Remaining != 0))
                problems.Add($"{Describe(a)}: a 429 without x-envoy-ratelimited: true and X-RateLimit-Remaining 0 is not the global limiter's");
            else if (h.WindowEnd(a.Exchange, limit.WindowSeconds) is not { } window)
                problems.Add($"{Describe(a)}: no X-RateLimit-Reset or send time, so its window is unknown");
            else windowed.Add((a, window, h));
        }
        var windows = windowed.GroupBy(w => w.Window).OrderBy(g => g.Key).Select(g => Count(g.Key, g.Select(w => w.Answer).ToList())).ToList();
        foreach (var w in windows.Where(w => w.Accepted > limit.Requests))
            problems.Add($"{w}: more than the {limit.Requests} one counter allows in a window");
        foreach (var g in windowed.Where(w => w.Answer.Exchange.StatusCode == 200).GroupBy(w => (w.Window, w.Headers.Remaining)).Where(g => g.Count() > 1))
            problems.Add($"{g.Count()} accepted answers of the window ending {DateTimeOffset.FromUnixTimeSeconds(g.Key.Window):HH:mm:ss} all had " +
                         $"X-RateLimit-Remaining {g.Key.Remaining}: they were counted by different counters");
        if (problems.Count == 0 && !windowed.Any(w => ProvesGlobal(w.Answer, windows.Single(c => c.WindowEnd == w.Window), limit)))
            problems.Add("no 429 shows the limit is global: none came from a replica that had accepted fewer than " +
                         $"{limit.Requests} while the other replica answered too, to a tenant with fewer than {limit.Requests} accepted " +
                         $"({string.Join("; ", windows)})");
        return (problems, windows);
    }

    private static bool ProvesGlobal(BurstAnswer a, WindowCount w, GatewayWideLimit limit) =>
        a.Exchange.StatusCode == 429 && a.Replica is { } replica && w.AcceptedPerReplica.Count >= 2
        && w.AcceptedPerReplica.GetValueOrDefault(replica) < limit.Requests && w.AcceptedPerTenant.GetValueOrDefault(a.Tenant) < limit.Requests;

    private static WindowCount Count(long window, IReadOnlyList<BurstAnswer> answers)
    {
        var accepted = answers.Where(a => a.Exchange.StatusCode == 200).ToList();
        return new WindowCount(window, accepted.Count, answers.Count - accepted.Count,
            answers.Where(a => a.Replica is not null).GroupBy(a => a.Replica!).ToDictionary(g => g.Key, g => g.Count(a => a.Exchange.StatusCode == 200)),
            answers.GroupBy(a => a.Tenant).ToDictionary(g => g.Key, g => g.Count(a => a.Exchange.StatusCode == 200)));
    }

    private static string Describe(BurstAnswer a) => $"{a.Tenant}'s request {a.Exchange.RequestId} ({a.Exchange.StatusCode})";

    private static string Short(string body) => body.Length <= 60 ? body : body[..60] + "…";
}
