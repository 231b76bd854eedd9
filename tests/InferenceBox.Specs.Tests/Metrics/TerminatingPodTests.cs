using System.Text;
using FluentAssertions;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Waiting;
using Xunit;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// Issue 17 item 8, on a real Prometheus: the scale-to-zero feature, which runs just before the observability one,
/// leaves a predictor pod terminating. Its counter drops out of every sum, so a raw before/after difference of the sum
/// can fall although the scenario's 20 requests were all counted on the live pod.
/// </summary>
public sealed class TerminatingPodTests(TerminatingPodPrometheus prometheus, ITestOutputHelper output) : IClassFixture<TerminatingPodPrometheus>
{
    private static readonly HttpClient Http = new();
    private PrometheusDriver Driver => new(prometheus.Url, new WaitBudgets(0.15), Http, pollInterval: TimeSpan.FromMilliseconds(250));

    [Fact]
    public async Task Requests_counted_on_the_live_pod_rise_although_the_terminating_pods_counter_disappears()
    {
        var ct = TestContext.Current.CancellationToken;
        var answered = TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200);
        await Driver.WaitForIncreaseAsync(answered, 0, 41, ct); // both pods scraped: 40 + 1
        var before = await Driver.SumAsync(answered, ct);

        prometheus.TerminateOldPodAndServe(20);

        var rise = await Driver.WaitForIncreaseAsync(answered, before, 20, ct);
        output.WriteLine($"rise {rise}");
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
    private bool oldPodGone;

    public void TerminateOldPodAndServe(long requests)
    {
        lock (gate) (oldPodGone, newPod) = (true, newPod + requests);
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
        }
        return text.ToString();
    }
}
