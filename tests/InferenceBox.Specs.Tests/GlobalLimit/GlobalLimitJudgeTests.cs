using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.GlobalLimit;
using InferenceBox.Specs.Tests.Gateway;

namespace InferenceBox.Specs.Tests.GlobalLimit;

/// <summary>
/// The gateway-wide limit's judge on bursts shaped like envoyproxy/ratelimit's answers through Envoy's draft-03 headers
/// (X-RateLimit-Limit "L, L;w=W", -Remaining = L minus the window's count, -Reset = seconds to the window's end; the
/// recorded global 429 of Gateway/Fixtures/rate-limited-answers.json), with a small limit so every case is visible.
/// </summary>
public sealed class GlobalLimitJudgeTests
{
    private static readonly GatewayWideLimit Limit = new(10, 60);
    private static readonly DateTimeOffset WindowStart = DateTimeOffset.FromUnixTimeSeconds(1_764_650_400); // a whole minute
    private int _id;

    private BurstAnswer Answer(int status, long remaining, double secondsIntoWindow, string tenant, string? replica, long windowStart = 0)
    {
        var sent = WindowStart.AddSeconds(windowStart + secondsIntoWindow);
        var reset = (long)Math.Ceiling(Limit.WindowSeconds - secondsIntoWindow);
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = Limit.Header, ["x-ratelimit-remaining"] = remaining.ToString(), ["x-ratelimit-reset"] = reset.ToString(),
        };
        if (status == 429) headers["x-envoy-ratelimited"] = "true";
        var exchange = new GatewayExchange("POST", new Uri("https://127.0.0.1:8443/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict"), status,
            headers, status == 200 ? "{\"predictions\":[1]}" : "", TimeSpan.FromMilliseconds(20), $"id-{++_id}", null, 1, sent);
        return new BurstAnswer(exchange, tenant, replica);
    }

    /// <summary>One counter: accepted answers count it down from L-1 to 0 whoever sent them and whichever replica took them.</summary>
    private List<BurstAnswer> SharedWindow(long windowStart = 0, int refusals = 6)
    {
        var answers = Enumerable.Range(0, 10).Select(i => Answer(200, 9 - i, 5 + i * 0.1, i % 2 == 0 ? "tenant-a" : "tenant-b",
            i % 3 == 0 ? "proxy-1" : "proxy-2", windowStart)).ToList();
        answers.AddRange(Enumerable.Range(0, refusals).Select(i => Answer(429, 0, 7 + i * 0.1, i % 2 == 0 ? "tenant-a" : "tenant-b",
            i % 2 == 0 ? "proxy-1" : "proxy-2", windowStart)));
        return answers;
    }

    [Fact]
    public void One_counter_over_two_replicas_and_two_tenants_passes()
    {
        var (problems, windows) = GlobalLimitJudge.Judge(SharedWindow(), Limit);

        problems.Should().BeEmpty();
        windows.Should().ContainSingle().Which.Should().Match<WindowCount>(w => w.Accepted == 10 && w.Refused == 6);
    }

    [Fact]
    public void A_counter_per_replica_is_caught_by_the_count_and_by_the_repeated_remaining_values()
    {
        var perReplica = new[] { "proxy-1", "proxy-2" }.SelectMany(replica => Enumerable.Range(0, 10)
            .Select(i => Answer(200, 9 - i, 5 + i * 0.1, "tenant-a", replica))).ToList();

        var (problems, _) = GlobalLimitJudge.Judge(perReplica, Limit);

        problems.Should().Contain(p => p.Contains("20 accepted") && p.Contains("more than the 10"));
        problems.Should().Contain(p => p.Contains("counted by different counters"));
    }

    [Fact]
    public void A_burst_across_a_window_boundary_may_pass_the_limit_in_each_window_it_touches()
    {
        var (problems, windows) = GlobalLimitJudge.Judge([.. SharedWindow(0), .. SharedWindow(60)], Limit);

        problems.Should().BeEmpty("the limit holds per window; the burst's total of 20 is 2 windows x 10");
        windows.Select(w => w.Accepted).Should().Equal(10, 10);
    }

    [Fact]
    public void An_answer_near_the_boundary_counts_in_the_window_its_own_reset_names()
    {
        var late = Answer(200, 3, 59.6, "tenant-a", "proxy-1");
        var early = Answer(200, 3, 0.4, "tenant-a", "proxy-2", windowStart: 60);

        var (_, windows) = GlobalLimitJudge.Judge([late, early], Limit);

        windows.Select(w => w.WindowEnd).Should().Equal(WindowStart.ToUnixTimeSeconds() + 60, WindowStart.ToUnixTimeSeconds() + 120);
    }

    [Fact]
    public void The_local_limiters_429_is_not_the_global_ones()
    {
        var answers = SharedWindow();
        answers.Add(new BurstAnswer(RateLimitAnswersTests.Recorded("local"), "tenant-a", "proxy-1"));

        GlobalLimitJudge.Judge(answers, Limit).Problems.Should().ContainSingle().Which.Should().Contain("X-RateLimit-Limit is \"\"");
    }

    [Fact]
    public void The_recorded_global_429_of_envoy_gateway_is_the_global_limiters_refusal()
    {
        var recorded = RateLimitAnswersTests.Recorded("global"); // "3, 3;w=3600", remaining 0, x-envoy-ratelimited
        var answers = new List<BurstAnswer> { new(recorded with { SentAt = WindowStart }, "tenant-a", null) };

        GlobalLimitJudge.Judge(answers, new GatewayWideLimit(3, 3600)).Problems.Should().ContainSingle()
            .Which.Should().StartWith("no 429 shows the limit is global", "its shape passes; one answer alone proves nothing about replicas");
    }

    [Fact]
    public void A_burst_that_reached_one_replica_only_proves_nothing()
    {
        var answers = SharedWindow().Select(a => a with { Replica = "proxy-1" }).ToList();

        GlobalLimitJudge.Judge(answers, Limit).Problems.Should().ContainSingle().Which.Should().StartWith("no 429 shows the limit is global");
    }

    [Fact]
    public void A_refusal_that_is_not_a_429_is_reported_with_its_status()
    {
        var answers = SharedWindow();
        answers.Add(Answer(500, 0, 8, "tenant-b", "proxy-2") with { });
        answers[^1] = answers[^1] with { Exchange = answers[^1].Exchange with { StatusCode = 500, Body = "" } };

        GlobalLimitJudge.Judge(answers, Limit).Problems.Should().Contain(p => p.StartsWith("1 answers were 500"));
    }

    [Theory]
    [InlineData(500, "rate_limiter_error", null, null)]
    [InlineData(500, "via_upstream", "10.244.0.17:8012", "another layer")]
    [InlineData(200, "via_upstream", "10.244.0.17:8012", "did not fail closed")]
    public void Redis_down_is_judged_by_the_rate_limit_filters_own_500(int status, string details, string? upstream, string? why)
    {
        var answer = RateLimitAnswersTests.Recorded("local") with { StatusCode = status };
        var entry = new GatewayAccessLogEntry(answer.RequestId!, status, details, upstream, null, null, null);

        var verdict = FailClosedAnswer.WhyNot(answer, entry);

        if (why is null) verdict.Should().BeNull();
        else verdict.Should().Contain(why);
    }
}
