using System.Text.Json;
using InferenceBox.Specs.Support.Metrics;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// The instant-query parser on answers recorded from a real Prometheus (Metrics/Fixtures/prometheus-answers.json):
/// the special values NaN, +Inf and -Inf in scalars and vectors, labels, millisecond timestamps, and the answers it must
/// refuse (issue 20: "+Inf" never parsed and a status neither success nor error accepted both survived).
/// </summary>
public sealed class PrometheusAnswerTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_500);

    [Theory]
    [InlineData("scalar +Inf", "scalar", double.PositiveInfinity)]
    [InlineData("scalar -Inf", "scalar", double.NegativeInfinity)]
    [InlineData("scalar NaN", "scalar", double.NaN)]
    [InlineData("vector +Inf", "vector", double.PositiveInfinity)]
    [InlineData("vector -Inf", "vector", double.NegativeInfinity)]
    [InlineData("vector NaN", "vector", double.NaN)]
    public void Special_values_are_read_as_the_doubles_they_name(string name, string resultType, double value)
    {
        var (query, body) = Recorded(name);

        var result = PrometheusResult.Parse(query, body);

        result.Query.Should().Be(query);
        result.ResultType.Should().Be(resultType);
        var sample = result.Samples.Should().ContainSingle().Subject;
        sample.Labels.Should().BeEmpty();
        sample.Value.Should().Be(value);
        sample.Timestamp.Should().Be(At);
        result.Sum.Should().Be(value);
    }

    [Fact]
    public void A_vector_keeps_each_series_labels_value_and_millisecond_time()
    {
        var (query, body) = Recorded("vector of two tenants");

        var result = PrometheusResult.Parse(query, body);

        result.ResultType.Should().Be("vector");
        result.Samples.Should().HaveCount(2);
        result.Samples[0].Labels.Should().Equal(new Dictionary<string, string> { ["tenant"] = "tenant-a" });
        result.Samples[1].Labels.Should().Equal(new Dictionary<string, string> { ["tenant"] = "tenant-b" });
        result.Samples.Select(s => s.Value).Should().Equal(2.5, 0.001);
        result.Samples.Should().OnlyContain(s => s.Timestamp == DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123));
        result.Sum.Should().Be(2.501);
        result.Samples[0].ToString().Should().Be("{tenant=\"tenant-a\"} 2.5");
    }

    [Fact]
    public void An_empty_vector_sums_to_zero_as_a_counter_not_yet_created()
    {
        var (query, body) = Recorded("empty vector");

        var result = PrometheusResult.Parse(query, body);

        result.Samples.Should().BeEmpty();
        result.Sum.Should().Be(0);
    }

    [Theory]
    [InlineData("matrix")]
    [InlineData("string")]
    public void Result_types_an_instant_judge_cannot_read_are_refused_by_name(string name)
    {
        var (query, body) = Recorded(name);

        var act = () => PrometheusResult.Parse(query, body);

        act.Should().Throw<PrometheusQueryException>()
            .WithMessage($"Prometheus query `{query}` failed: result type '{name}' is not supported by instant queries here; ask for a vector or a scalar")
            .Which.Query.Should().Be(query);
    }

    [Fact]
    public void A_refused_query_carries_prometheus_error_type_and_text()
    {
        var (query, body) = Recorded("parse error");

        var act = () => PrometheusResult.Parse(query, body);

        act.Should().Throw<PrometheusQueryException>().WithMessage(
            "Prometheus query `sum(` failed: bad_data: invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis");
    }

    [Theory]
    [InlineData("\"pending\"", "Prometheus query `up` failed: no errorType: status pending")]
    [InlineData("\"Success\"", "Prometheus query `up` failed: no errorType: status Success")]
    [InlineData(null, "Prometheus query `up` failed: no errorType: status missing")]
    public void An_answer_whose_status_is_not_success_is_refused_even_with_data(string? status, string message)
    {
        // The recorded success with its status changed or removed: only "success" means the data may be read.
        var body = Recorded("vector of two tenants").Body.Replace("\"status\":\"success\",", status is null ? "" : $"\"status\":{status},");

        var act = () => PrometheusResult.Parse("up", body);

        act.Should().Throw<PrometheusQueryException>().WithMessage(message);
    }

    [Fact]
    public void An_error_without_prometheus_words_still_says_what_it_saw()
    {
        var act = () => PrometheusResult.Parse("up", "{\"status\":\"error\",\"errorType\":42}");

        act.Should().Throw<PrometheusQueryException>().WithMessage("Prometheus query `up` failed: no errorType: status error");
    }

    internal static (string Query, string Body) Recorded(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "Fixtures", "prometheus-answers.json")));
        var answer = json.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
        return (answer.GetProperty("query").GetString()!, answer.GetProperty("body").GetString()!);
    }
}
