using System.Text;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// Issue 17 item 8, on a real Prometheus: the scale-to-zero feature, which runs just before the observability one,
/// leaves a predictor pod terminating. Its counter drops out of every sum, so a raw before/after difference of the sum
/// can fall although the scenario's 20 requests were all counted on the live pod.
/// </summary>
public sealed class TerminatingPodTests(TerminatingPodPrometheus prometheus, ITestOutputHelper output) : IClassFixture<TerminatingPodPrometheus>
{
    private static readonly HttpClient Http = new();
    private PrometheusDriver Driver => new(prometheus.Url, new WaitBudgets(0.15), Http, new InferenceBox.Specs.Support.Diagnostics.ScenarioTimeline(), pollInterval: TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task Requests_counted_on_the_live_pod_rise_although_the_terminating_pods_counter_disappears()
    {
        var ct = TestContext.Current.CancellationToken;
        var answered = TenantMetricQueries.AnsweredSelectors("tenant-a", "sklearn-iris", 200);
        await Driver.WaitForIncreaseAsync(TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200), 0, 41, ct); // both pods scraped: 40 + 1
        var baseline = await Driver.NoteBaselineAsync(answered, ct);

        prometheus.TerminateOldPodAndServe(20);

        var rise = await Driver.WaitForRiseAsync(baseline, 20, ct);
        output.WriteLine($"rise {rise}; the raw sum went from 41 to {await Driver.SumAsync(TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200), ct)}");
        rise.Should().Be(20, "exactly the requests counted since the baseline, on the live pod");
    }

    [Fact]
    public async Task A_pod_born_after_the_baseline_counts_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        var answered = TenantMetricQueries.AnsweredSelectors("tenant-a", "sklearn-iris", 200);
        await Driver.WaitForIncreaseAsync("count(" + TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200) + ")", 0, 1, ct);
        var baseline = await Driver.NoteBaselineAsync(answered, ct);

        prometheus.StartColdPod(3);

        (await Driver.WaitForRiseAsync(baseline, 3, ct)).Should().BeGreaterThanOrEqualTo(3,
            "a cold start's first requests are in the new series' first sample, which increase() would never count");
    }
}

/// <summary>
/// Two predictor pods of tenant-a's sklearn-iris as their Istio sidecars report requests from the Istio ingress gateway
/// (labels as in Fixtures/predictor-sidecar-istio-requests.json, plus the pod label Prometheus' PodMonitor adds): the
/// old one is terminating with 40 counted, the new one was warmed with 1. Terminating the old pod removes its series.
/// </summary>
public sealed class TerminatingPodPrometheus : LoopbackPrometheus
{
    private readonly Lock gate = new();
    private long newPod = 1;
    private long? coldPod;
    private bool oldPodGone;

    public void TerminateOldPodAndServe(long requests)
    {
        lock (gate) (oldPodGone, newPod) = (true, newPod + requests);
    }

    /// <summary>A third pod, started by a cold request after the baseline, whose series is born with its first requests.</summary>
    public void StartColdPod(long requests)
    {
        lock (gate) coldPod = requests;
    }

    protected override string Exposition()
    {
        const string labels = "reporter=\"destination\",source_workload_namespace=\"istio-system\",source_workload=\"istio-ingressgateway\"," +
                              "destination_workload_namespace=\"tenant-a\",destination_workload=\"sklearn-iris-predictor-00001-deployment\"," +
                              "response_code=\"200\",connection_security_policy=\"mutual_tls\"";
        var text = new StringBuilder("# TYPE istio_requests_total counter\n");
        lock (gate)
        {
            if (!oldPodGone) text.Append($"istio_requests_total{{{labels},pod=\"sklearn-iris-predictor-00001-deployment-old\"}} 40\n");
            text.Append($"istio_requests_total{{{labels},pod=\"sklearn-iris-predictor-00001-deployment-new\"}} {newPod}\n");
            if (coldPod is { } cold) text.Append($"istio_requests_total{{{labels},pod=\"sklearn-iris-predictor-00001-deployment-cold\"}} {cold}\n");
        }
        return text.ToString();
    }
}
