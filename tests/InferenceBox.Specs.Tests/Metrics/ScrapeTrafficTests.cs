using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Support.Security;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// The observability count ("answered with code 200") and the mTLS check read only the gateway path's requests, on a
/// real Prometheus scraping a predictor sidecar's recorded series, where Knative's autoscaler and Prometheus itself
/// scrape the pod far more often than any scenario sends requests.
/// </summary>
public sealed class ScrapeTrafficTests(PredictorSidecarPrometheus sidecar, ITestOutputHelper output) : IClassFixture<PredictorSidecarPrometheus>
{
    private static readonly HttpClient Http = new();

    /// <summary>Every request the sidecar saw, whatever its source: proves a scrape has been ingested.</summary>
    private const string Everything = "sum(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"tenant-a\"})";

    private PrometheusDriver Driver => new(sidecar.Url, new WaitBudgets(0.3), Http, new InferenceBox.Specs.Support.Diagnostics.ScenarioTimeline(), pollInterval: TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task Scrapes_of_the_predictor_do_not_count_as_answered_requests_and_gateway_requests_count_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var answered = TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200);
        await Driver.WaitForIncreaseAsync("count(" + Everything + ")", 0, 1, ct);
        var (everything, before) = (await Driver.SumAsync(Everything, ct), await Driver.SumAsync(answered, ct));

        // 30 s of the autoscaler's 1/s scrapes and two of Prometheus' 15 s scrapes: no model request at all.
        sidecar.Count(("autoscaler", 30), ("prometheus", 2));
        await Driver.WaitForIncreaseAsync(Everything, everything, 32, ct);
        (await Driver.SumAsync(answered, ct) - before).Should().Be(0, $"`{answered}` must not count scrape traffic");

        // 15 requests straight through the local gateway and 5 through the activator, while the scrapes go on.
        sidecar.Count(("gateway", 15), ("activator", 5), ("gateway-denied", 3), ("autoscaler", 10), ("prometheus", 1));
        var delta = await Driver.WaitForIncreaseAsync(answered, before, 20, ct);
        output.WriteLine($"{answered}: +{delta}");
        delta.Should().Be(20);
    }

    [Fact]
    public async Task The_mtls_check_sees_only_the_gateway_paths_sources_and_only_what_came_after_the_baseline()
    {
        var ct = TestContext.Current.CancellationToken;
        await Driver.WaitForIncreaseAsync("count(" + Everything + ")", 0, 1, ct);
        sidecar.Count(("gateway", 7), ("autoscaler", 30)); // before the baseline: never part of the rise
        var baseline = await Driver.NoteBaselineAsync(MeshTlsMetrics.Selectors("tenant-a", "sklearn-iris"), ct);
        var everything = await Driver.SumAsync(Everything, ct);
        sidecar.Count(("gateway", 4), ("activator", 2), ("autoscaler", 30), ("prometheus", 2));
        await Driver.WaitForIncreaseAsync(Everything, everything, 38, ct);

        var rises = MeshTlsMetrics.From(await Driver.RiseAsync(baseline, "source_workload_namespace, source_workload, connection_security_policy", ct));

        output.WriteLine(string.Join("\n", rises));
        rises.Where(r => r.Requests > 0).Should().BeEquivalentTo(
            [new MeshTraffic("istio-system/istio-ingressgateway", "mutual_tls", 4), new MeshTraffic("knative-serving/activator", "mutual_tls", 2)],
            "the autoscaler's mTLS scrapes would make any platform look like its gateway traffic is mutual TLS");
        MeshTlsMetrics.WhyNotMutualTls(rises, 6).Should().BeNull();
    }
}
