using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 17 item 7: the rate-limit judge bounds the passes of a burst by what a 20/minute bucket allows in the burst's
/// measured time, so a looser limit fails. Bursts are played, with time as a parameter, against
/// <see cref="EnvoyTokenBucket"/>, and answered with the recorded 429 of Envoy Gateway v1.4.2's local limiter.
/// </summary>
public sealed class TokenBucketBoundsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly TokenBucket Configured = TokenBucket.PerMinute(20);

    [Fact]
    public void A_two_second_burst_against_a_full_20_per_minute_bucket_fits()
    {
        var (summary, bounds) = Judge(new EnvoyTokenBucket(20, full: true), 41, TimeSpan.FromMilliseconds(50));

        summary.Passed.Should().Be(20);
        bounds.Upper.Should().Be(20, "20 + 2.05 s / 3 s");
        bounds.WhyNot(summary).Should().BeNull(bounds.ToString());
    }

    [Fact]
    public void A_30_per_minute_limit_fails_the_scenario()
    {
        var (summary, bounds) = Judge(new EnvoyTokenBucket(30, full: true), 41, TimeSpan.FromMilliseconds(50));

        summary.Passed.Should().BeGreaterThanOrEqualTo(30, "the bucket held 30 when the burst began");
        bounds.WhyNot(summary).Should().Contain("more than the 20").And.Contain("looser than configured");
    }

    [Fact]
    public void A_bucket_the_previous_scenario_emptied_still_fits_whatever_it_held()
    {
        var (summary, bounds) = Judge(new EnvoyTokenBucket(20, full: false), 41, TimeSpan.FromMilliseconds(50));

        summary.Passed.Should().BeLessThanOrEqualTo(1);
        bounds.WhyNot(summary).Should().BeNull(bounds.ToString());
    }

    [Fact]
    public void Over_a_long_burst_a_stricter_limit_fails_on_the_lower_bound()
    {
        var (summary, bounds) = Judge(new EnvoyTokenBucket(5, full: false), 41, TimeSpan.FromMilliseconds(750));

        bounds.Lower.Should().Be(8, "floor(29.25 s / 3 s) - 1: from the first answer (0.75 s) to the last send (30 s)");
        bounds.WhyNot(summary).Should().Contain("fewer than the 8").And.Contain("stricter than configured");
        var (fair, fairBounds) = Judge(new EnvoyTokenBucket(20, full: false), 41, TimeSpan.FromMilliseconds(750));
        fairBounds.WhyNot(fair).Should().BeNull($"{fair}; {fairBounds}");
    }

    [Fact]
    public void A_burst_too_slow_to_meet_a_429_cannot_test_the_limit()
    {
        var (summary, bounds) = Judge(new EnvoyTokenBucket(20, full: true), 41, TimeSpan.FromSeconds(2));

        bounds.Upper.Should().Be(41);
        bounds.WhyNot(summary).Should().Contain("cannot test the limit");
    }

    [Fact]
    public void The_bounds_follow_the_measured_durations()
    {
        var timing = new BurstTiming(Inner: TimeSpan.FromSeconds(9.5), Outer: TimeSpan.FromSeconds(10.2));
        PassBounds.For(Configured, 41, timing).Should().Match<PassBounds>(b => b.Lower == 2 && b.Upper == 23);
        BurstTiming.Of([Exchange(TimeSpan.Zero, TimeSpan.FromMilliseconds(40), 200), Exchange(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(60), 200)])
            .Should().Be(new BurstTiming(TimeSpan.FromMilliseconds(960), TimeSpan.FromMilliseconds(1060)));
    }

    /// <summary>Plays a back-to-back burst (each answer takes <paramref name="each"/>) against the bucket.</summary>
    private static (BurstSummary Summary, PassBounds Bounds) Judge(EnvoyTokenBucket bucket, int count, TimeSpan each)
    {
        var burst = Enumerable.Range(0, count).Select(i =>
        {
            var at = TimeSpan.FromTicks(each.Ticks * i);
            return Exchange(at, each, bucket.Consume(at.TotalSeconds) ? 200 : 429);
        }).ToList();
        return (BurstSummary.Of(burst), PassBounds.For(Configured, count, BurstTiming.Of(burst)));
    }

    private static GatewayExchange Exchange(TimeSpan at, TimeSpan latency, int status)
    {
        var local = RateLimitAnswersTests.Recorded("local");
        return status == 429 ? local with { SentAt = Start + at, Latency = latency }
            : local with { StatusCode = 200, Body = "{\"predictions\": [1, 1]}", Headers = new Dictionary<string, string>(), SentAt = Start + at, Latency = latency };
    }
}

/// <summary>
/// Envoy 1.34's continuously refilled bucket, as envoyproxy/envoy source/common/common/token_bucket_impl.cc
/// AtomicTokenBucketImpl keeps it: one time T at which the bucket would be empty; at time t it holds
/// min(max, (t − T) × rate); consuming one token moves T to t − (held − 1) / rate; a full start sets T = t − max / rate.
/// The local rate limit builds it with max_tokens and a rate of tokens_per_fill / fill_interval
/// (source/extensions/filters/common/local_ratelimit/local_ratelimit_impl.cc).
/// </summary>
internal sealed class EnvoyTokenBucket(int perMinute, bool full)
{
    private readonly double _rate = perMinute / 60.0;
    private double _emptyAt = full ? -perMinute / (perMinute / 60.0) : 0;

    public bool Consume(double now)
    {
        var held = Math.Min(perMinute, (now - _emptyAt) * _rate);
        if (held < 1) return false;
        _emptyAt = now - (held - 1) / _rate;
        return true;
    }
}
