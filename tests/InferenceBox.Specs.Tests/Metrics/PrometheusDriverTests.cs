using System.Threading.Channels;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Metrics;

public sealed class PrometheusDriverTests(PrometheusFixture prometheus, ITestOutputHelper output) : IClassFixture<PrometheusFixture>
{
    private const string Answered = "demo_requests_total{code=\"200\"}";
    private static readonly HttpClient Http = new();

    private readonly ScenarioTimeline _timeline = new();

    private PrometheusDriver Driver(double scale) =>
        new(prometheus.Url, new WaitBudgets(scale), Http, _timeline, pollInterval: TimeSpan.FromMilliseconds(250));

    private async Task ExporterScrapedAsync() =>
        await Driver(0.3).WaitForIncreaseAsync("up{job=\"exporter\"}", baseline: 0, atLeast: 1, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Instant_queries_return_labelled_series_and_scalars()
    {
        await ExporterScrapedAsync();
        var driver = Driver(1);
        var series = await driver.QueryAsync("demo_requests_total", TestContext.Current.CancellationToken);
        series.ResultType.Should().Be("vector");
        series.Samples.Should().HaveCount(2);
        series.Samples.Single(s => s.Labels["code"] == "401").Value.Should().Be(prometheus.Rejected);
        series.Samples.Should().OnlyContain(s => s.Labels["tenant"] == "tenant-a" && s.Labels["job"] == "exporter");

        var scalar = await driver.QueryAsync("scalar(demo_requests_total{code=\"401\"}) * 2", TestContext.Current.CancellationToken);
        scalar.ResultType.Should().Be("scalar");
        scalar.Sum.Should().Be(prometheus.Rejected * 2);
        (await driver.SumAsync("demo_requests_total{code=\"999\"}", TestContext.Current.CancellationToken)).Should().Be(0, "no series sums to 0");
    }

    [Fact]
    public async Task Every_query_and_a_summary_of_its_answer_show_in_the_scenario_timeline()
    {
        await ExporterScrapedAsync();
        var timeline = new ScenarioTimeline();
        var driver = new PrometheusDriver(prometheus.Url, new WaitBudgets(1), Http, timeline);

        await driver.QueryAsync("demo_requests_total", TestContext.Current.CancellationToken);
        await FluentActions.Awaiting(() => driver.QueryAsync("sum(demo_requests_total", TestContext.Current.CancellationToken))
            .Should().ThrowAsync<PrometheusQueryException>();

        timeline.Entries.Should().HaveCount(2).And.OnlyContain(e => e.Driver == PrometheusDriver.TimelineName);
        timeline.Entries[0].What.Should().StartWith("`demo_requests_total` -> vector, 2 series, sum ")
            .And.Contain("code=\"401\"").And.Contain("tenant=\"tenant-a\"");
        timeline.Entries[1].What.Should().StartWith("`sum(demo_requests_total` -> HTTP 400").And.Contain("bad_data");
    }

    [Fact]
    public async Task The_scenario_queries_are_valid_promql()
    {
        var driver = Driver(1);
        var baseline = new CounterBaseline([.. TenantMetricQueries.AnsweredSelectors("tenant-a", "sklearn-iris", 200), .. TenantMetricQueries.GatewayAnswersOfClass(4)],
            1764198000.5, 1764197990);
        foreach (var query in new[] { TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200), CounterRise.Query(baseline, 1764198030),
                     CounterRise.Query(baseline, 1764198030, "connection_security_policy"), CounterRise.OldestLatestSample(baseline.Selectors) })
            (await driver.QueryAsync(query, TestContext.Current.CancellationToken)).ResultType.Should().Be("vector", query);
    }

    [Fact]
    public async Task A_bad_query_fails_with_the_query_and_prometheus_reason()
    {
        var act = () => Driver(1).QueryAsync("sum(demo_requests_total", TestContext.Current.CancellationToken);
        var error = await act.Should().ThrowAsync<PrometheusQueryException>();
        error.Which.Message.Should().Contain("sum(demo_requests_total").And.Contain("bad_data");
    }

    [Fact]
    public async Task Wait_for_increase_sees_an_increase_the_test_causes()
    {
        await ExporterScrapedAsync();
        var driver = Driver(0.3);
        var baseline = await driver.SumAsync(Answered, TestContext.Current.CancellationToken);
        prometheus.Answer(5);
        var delta = await driver.WaitForIncreaseAsync(Answered, baseline, atLeast: 5, TestContext.Current.CancellationToken);
        output.WriteLine($"baseline {baseline}, delta seen {delta}");
        delta.Should().BeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task Wait_for_increase_times_out_naming_the_query_and_the_last_value()
    {
        await ExporterScrapedAsync();
        // A real Prometheus on a fake clock: the budget runs out when the test says, after a look has been answered.
        var clock = new FakeTimeProvider();
        using var asked = new SignallingHandler(new HttpClientHandler());
        var driver = new PrometheusDriver(prometheus.Url, new WaitBudgets(1, clock), new HttpClient(asked), _timeline, pollInterval: TimeSpan.FromSeconds(2));
        const string rejected = "demo_requests_total{code=\"401\"}";
        var baseline = await driver.SumAsync(rejected, TestContext.Current.CancellationToken);
        await asked.NextRequestAsync();

        var wait = driver.WaitForIncreaseAsync(rejected, baseline, atLeast: 1, TestContext.Current.CancellationToken);
        await asked.NextRequestAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        await asked.NextRequestAsync(); // the second look began: the first one's answer is the last state
        clock.Advance(new WaitBudgets()[WaitBudgets.Names.ScrapeDelta]);

        var error = await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>();
        output.WriteLine(error.Which.Message);
        error.Which.Message.Should().Contain(rejected).And.Contain("scrape-delta").And.Contain($"value {baseline}");
    }

    /// <summary>Passes requests on to the real server and signals each one as it is sent.</summary>
    private sealed class SignallingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Channel<bool> _sent = Channel.CreateUnbounded<bool>();

        public async Task NextRequestAsync() => await _sent.Reader.ReadAsync(TestContext.Current.CancellationToken);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sent.Writer.TryWrite(true);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
