using System.Text.Json;
using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Xunit;

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

        // What the rate-limit feature's Then step requires of every answer other than 200.
        summary.Should().Match<BurstSummary>(s => s.Others.Count == 0 && s.LimitedWithoutHeader == 0, summary.ToString());
    }
}
