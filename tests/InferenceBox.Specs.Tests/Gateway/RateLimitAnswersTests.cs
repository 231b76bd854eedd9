using System.Text.Json;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// The rate-limit judge on recorded 429s of Envoy Gateway v1.4.2 (Gateway/Fixtures/rate-limited-answers.json, each
/// answer naming the upstream source of its shape).
/// </summary>
public sealed class RateLimitAnswersTests
{
    internal static GatewayExchange Recorded(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gateway", "Fixtures", "rate-limited-answers.json")));
        var answer = json.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
        return new GatewayExchange("POST", new Uri("http://127.0.0.1:8080/tenant-c/sklearn-iris/v1/models/sklearn-iris:predict"),
            answer.GetProperty("status").GetInt32(),
            answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!),
            answer.GetProperty("body").GetString()!, TimeSpan.FromMilliseconds(2), $"id-{name}", null);
    }

    [Fact]
    public void The_local_rate_limit_answer_of_envoy_gateway_1_4_2_passes_the_features_refusal_check()
    {
        var summary = BurstSummary.Of([Recorded("local"), Recorded("local")]);

        // What the rate-limit feature's Then steps require: the refusals are the local limiter's, nothing else.
        summary.Should().Match<BurstSummary>(s => s.Limited == 2 && s.Others.Count == 0, summary.ToString());
    }

    [Fact]
    public void The_global_limiters_429_is_not_the_tenant_routes_local_limit()
    {
        var summary = BurstSummary.Of([Recorded("local"), Recorded("global")]);

        summary.Limited.Should().Be(1);
        summary.Others.Should().ContainSingle().Which.Should().Contain("x-envoy-ratelimited: true").And.Contain("global rate-limit filter");
    }

    [Fact]
    public void A_local_429_with_rate_limit_headers_is_not_what_envoy_gateway_1_4_2_sends()
    {
        var local = Recorded("local");
        var withHeaders = local with { Headers = new Dictionary<string, string>(local.Headers) { ["X-RateLimit-Limit"] = "20" } };

        LocalRateLimitAnswer.WhyNot(withHeaders).Should().Contain("X-RateLimit-Limit").And.Contain("v1.5.0");
    }

    [Theory]
    [InlineData(429, "{\"error\": \"Too Many Requests\"}", "application/json", "body")]
    [InlineData(429, "local_rate_limited", "application/json", "content-type application/json")]
    [InlineData(503, "no healthy upstream", "text/plain", "status 503")]
    public void Any_other_refusal_is_named_with_why_it_is_not_the_local_limit(int status, string body, string contentType, string reason)
    {
        var answer = Recorded("local") with { StatusCode = status, Body = body, Headers = new Dictionary<string, string> { ["content-type"] = contentType } };

        var summary = BurstSummary.Of([answer]);

        summary.Limited.Should().Be(0);
        summary.Others.Should().ContainSingle().Which.Should().Contain(reason).And.Contain("request id id-local");
    }
}
