using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Every branch of the burst judges with data that tells the branches apart, at their exact boundaries (issue 20):
/// the local limiter's 429 and each way an answer differs from it (recorded shapes: Gateway/Fixtures/
/// rate-limited-answers.json), and the pass bounds of a 20/minute bucket exactly at, just inside and just outside them.
/// </summary>
public sealed class BurstJudgeTests
{
    private static readonly GatewayExchange Local = RateLimitAnswersTests.Recorded("local");
    private static readonly TokenBucket PerMinute20 = TokenBucket.PerMinute(20);

    [Fact]
    public void The_local_limiters_429_counts_and_only_the_global_one_carrying_the_header_is_refused()
    {
        var summary = BurstSummary.Of([Local, RateLimitAnswersTests.Recorded("global"), Local with { StatusCode = 200, RequestId = "ok" }]);

        (summary.Sent, summary.Passed, summary.Limited).Should().Be((3, 1, 1));
        summary.Others.Should().Equal("429 (request id id-global): it carries x-envoy-ratelimited: true, which only Envoy's global " +
                                      "rate-limit filter sets, not the local limiter of the tenant routes");
    }

    [Fact]
    public void An_answer_of_another_status_is_neither_passed_nor_limited()
    {
        var summary = BurstSummary.Of([Local with { StatusCode = 503, Body = "upstream connect error", RequestId = "down" }, Local with { StatusCode = 200, RequestId = "ok" }]);

        (summary.Sent, summary.Passed, summary.Limited).Should().Be((2, 1, 0));
        summary.Others.Should().Equal("503 (request id down): status 503, not 429");
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8", "  local_rate_limited\n")]
    [InlineData("TEXT/PLAIN", "local_rate_limited")]
    [InlineData(null, "local_rate_limited")]
    public void The_local_reply_is_recognised_whatever_its_charset_case_or_trailing_space(string? contentType, string body)
    {
        var headers = contentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Type"] = contentType };

        LocalRateLimitAnswer.WhyNot(Local with { Headers = headers, Body = body }).Should().BeNull();
        LocalRateLimitAnswer.Is(Local with { Headers = headers, Body = body }).Should().BeTrue();
    }

    [Theory]
    [InlineData(200, "x-other", "1", "local_rate_limited", "status 200, not 429")]
    [InlineData(429, "X-Envoy-RateLimited", "true", "local_rate_limited", "it carries x-envoy-ratelimited: true, which only Envoy's global rate-limit filter sets, not the local limiter of the tenant routes")]
    [InlineData(429, "X-RateLimit-Remaining", "0", "local_rate_limited", "it carries X-RateLimit-Remaining, which Envoy Gateway v1.4.2 never adds to a local limit's answer (a global limit, or Envoy Gateway ≥ v1.5.0)")]
    [InlineData(429, "content-type", "text/html", "local_rate_limited", "content-type text/html, not the text/plain of Envoy's local reply")]
    [InlineData(429, "x-other", "1", "rate limited", "body \"rate limited\" is not the \"local_rate_limited\" of Envoy's local reply")]
    [InlineData(429, "x-other", "1", "local_rate_limited by upstream", "body \"local_rate_limited by upstream\" is not the \"local_rate_limited\" of Envoy's local reply")]
    public void Every_other_answer_is_named_with_the_first_difference(int status, string header, string value, string body, string reason)
    {
        var answer = Local with { StatusCode = status, Body = body, Headers = new Dictionary<string, string> { [header] = value } };

        LocalRateLimitAnswer.WhyNot(answer).Should().Be(reason);
        LocalRateLimitAnswer.Is(answer).Should().BeFalse();
    }

    [Fact]
    public void A_long_body_is_shortened_to_sixty_characters_in_the_reason()
    {
        var body = new string('x', 61);

        LocalRateLimitAnswer.WhyNot(Local with { Body = body }).Should()
            .Be($"body \"{new string('x', 60)}…\" is not the \"local_rate_limited\" of Envoy's local reply");
        LocalRateLimitAnswer.WhyNot(Local with { Body = body[..60] }).Should().Contain($"\"{body[..60]}\" is not");
    }

    [Fact]
    public void A_bucket_of_twenty_a_minute_refills_a_third_of_a_token_a_second()
    {
        PerMinute20.Should().Be(new TokenBucket(20, 20, TimeSpan.FromMinutes(1)));
        PerMinute20.RefillPerSecond.Should().BeApproximately(1.0 / 3, 1e-15);
    }

    [Fact]
    public void The_bounds_are_floors_clamped_to_zero_and_to_the_number_sent()
    {
        // Outer 3 s: 20 + 3 × 1/3 = 21 exactly; inner 6 s: floor(2) − 1 = 1.
        Bounds(sent: 41, inner: 6, outer: 3).Should().Match<PassBounds>(b => b.Lower == 1 && b.Upper == 21);
        // Inner 2.9 s: floor(0.97) − 1 = −1, clamped to 0; outer 2.9 s: floor(20.97) = 20.
        Bounds(sent: 41, inner: 2.9, outer: 2.9).Should().Match<PassBounds>(b => b.Lower == 0 && b.Upper == 20);
        // Fewer sent than either bound allows: both are capped at the number sent.
        Bounds(sent: 10, inner: 60, outer: 60).Should().Match<PassBounds>(b => b.Lower == 10 && b.Upper == 10 && b.Sent == 10);
    }

    [Fact]
    public void Each_verdict_holds_exactly_up_to_its_bound()
    {
        var bounds = Bounds(sent: 41, inner: 30, outer: 3); // Lower 9, Upper 21

        (bounds.Lower, bounds.Upper).Should().Be((9, 21));
        bounds.WhyNot(Summary(passed: 21, limited: 20)).Should().BeNull("exactly the upper bound passed");
        bounds.WhyNot(Summary(passed: 9, limited: 32)).Should().BeNull("exactly the lower bound passed");
        bounds.WhyNot(Summary(passed: 22, limited: 19)).Should()
            .Be("22 passed, more than the 21 a bucket of 20 per 60 s (at most 20 held) allows in 3.00 s: the limit is looser than configured");
        bounds.WhyNot(Summary(passed: 8, limited: 33)).Should()
            .Be("8 passed, fewer than the 9 a bucket of 20 per 60 s (at most 20 held) refills in 30.00 s: the limit is stricter than configured");
        bounds.WhyNot(Summary(passed: 9, limited: 0)).Should().StartWith("no request met the local rate limiter's 429 (");
        bounds.WhyNot(Summary(passed: 9, limited: 1)).Should().BeNull("one 429 of the local limiter is enough");
    }

    [Fact]
    public void A_burst_whose_upper_bound_reaches_the_number_sent_cannot_test_the_limit()
    {
        var exactlyAll = Bounds(sent: 21, inner: 0, outer: 3); // Upper 21 = Sent
        var oneShort = Bounds(sent: 22, inner: 0, outer: 3);

        exactlyAll.WhyNot(Summary(passed: 21, limited: 0)).Should()
            .Be("the burst took 3.0 s: a bucket of 20 per 60 s (at most 20 held) could let all 21 through, so it cannot test the limit");
        oneShort.WhyNot(Summary(passed: 21, limited: 1)).Should().BeNull();
    }

    [Fact]
    public void A_bursts_timing_is_measured_from_its_first_and_last_exchanges()
    {
        var start = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);
        GatewayExchange At(double seconds, double latency) => Local with { SentAt = start.AddSeconds(seconds), Latency = TimeSpan.FromSeconds(latency) };

        BurstTiming.Of([At(0, 1), At(0.5, 0.1), At(2, 0.25)]).Should().Be(new BurstTiming(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.25)));
        BurstTiming.Of([At(0, 3), At(1, 0.5)]).Should().Be(new BurstTiming(TimeSpan.Zero, TimeSpan.FromSeconds(1.5)),
            "the first answer came after the last send: the inner span is empty, not negative");
        FluentActions.Invoking(() => BurstTiming.Of([])).Should().Throw<ArgumentException>().WithParameterName("burst");
        FluentActions.Invoking(() => BurstTiming.Of([At(0, 1), Local with { SentAt = null }])).Should().Throw<ArgumentException>()
            .WithMessage("A burst's timing needs every exchange's send time.*");
    }

    private static PassBounds Bounds(int sent, double inner, double outer) =>
        PassBounds.For(PerMinute20, sent, new BurstTiming(TimeSpan.FromSeconds(inner), TimeSpan.FromSeconds(outer)));

    private static BurstSummary Summary(int passed, int limited) => new(passed + limited, passed, limited, []);
}
