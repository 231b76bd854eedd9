using InferenceBox.Specs.Support.Metrics;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// The exact PromQL the observability scenario sends. Every matcher is there for a reason the real-Prometheus tests
/// (PrometheusDriverTests, TerminatingPodTests, ScrapeTrafficTests) show: without reporter="destination" a request counts
/// twice, once by the source's sidecar and once by the predictor's (istio/proxy@1.26.2 istio_stats.cc reports each
/// request on both ends, reporter "source" and "destination"); without the source pair the autoscaler's scrapes count
/// (issue 20: a query that lost its reporter label passed every test).
/// </summary>
public sealed class TenantMetricQueryTextTests
{
    private const string Answered =
        "reporter=\"destination\",destination_workload_namespace=\"tenant-a\",destination_workload=~\"sklearn-iris-predictor-.*\",response_code=\"200\"";
    private const string ViaIngress = "istio_requests_total{" + Answered + ",source_workload_namespace=\"istio-system\",source_workload=\"istio-ingressgateway\"}";
    private const string ViaActivator = "istio_requests_total{" + Answered + ",source_workload_namespace=\"knative-serving\",source_workload=\"activator\"}";
    private const string Rejected = "envoy_http_downstream_rq_xx{namespace=\"envoy-gateway-system\",envoy_response_code_class=\"4\"}";

    [Fact]
    public void Answered_requests_are_the_predictor_sidecars_counts_from_the_gateway_path_only()
    {
        TenantMetricQueries.AnsweredSelectors("tenant-a", "sklearn-iris", 200).Should().Equal(ViaIngress, ViaActivator);
        TenantMetricQueries.Answered("tenant-a", "sklearn-iris", 200).Should().Be($"sum({ViaIngress} or {ViaActivator})");
    }

    [Fact]
    public void Rejected_requests_are_the_gateway_proxys_counts_of_their_status_class() =>
        TenantMetricQueries.GatewayAnswersOfClass(4).Should().Equal(Rejected);

    [Fact]
    public void A_range_is_added_to_every_source_selector()
    {
        GatewayPathSources.Selectors("a=\"b\"", "5m").Should().Equal(
            "istio_requests_total{a=\"b\",source_workload_namespace=\"istio-system\",source_workload=\"istio-ingressgateway\"}[5m]",
            "istio_requests_total{a=\"b\",source_workload_namespace=\"knative-serving\",source_workload=\"activator\"}[5m]");
        GatewayPathSources.All.Select(s => s.ToString()).Should().Equal("istio-system/istio-ingressgateway", "knative-serving/activator");
    }

    [Fact]
    public void A_rise_is_each_series_last_sample_minus_its_value_at_the_baseline_over_a_window_from_the_oldest_sample()
    {
        var baseline = new CounterBaseline(["a", Rejected], At: 1764198000.5, OldestSample: 1764197990.25);

        // now - oldest = 39.75 s: the window is that, rounded up, plus one second (41 s), so the oldest sample is in it.
        CounterRise.Query(baseline, 1764198030).Should().Be(
            "sum(clamp_min(last_over_time(a[41s]) - a @ 1764198000.500, 0) or (last_over_time(a[41s]) unless a @ 1764198000.500) or " +
            $"clamp_min(last_over_time({Rejected}[41s]) - {Rejected} @ 1764198000.500, 0) or (last_over_time({Rejected}[41s]) unless {Rejected} @ 1764198000.500))");
        CounterRise.Query(new CounterBaseline(["a"], 100, 100), 101, "connection_security_policy").Should().Be(
            "sum by (connection_security_policy)(clamp_min(last_over_time(a[2s]) - a @ 100.000, 0) or (last_over_time(a[2s]) unless a @ 100.000))");
        CounterRise.Query(new CounterBaseline(["a"], 100, 100), 90).Should().Contain("[1s]", "a window is never shorter than a second");
        baseline.ToString().Should().Be("baseline at 1764198000.5 (oldest sample 1764197990.25)");
    }

    [Fact]
    public void The_oldest_latest_sample_is_the_minimum_of_each_selectors_timestamp() =>
        CounterRise.OldestLatestSample(["a", "b{c=\"d\"}"]).Should().Be("min(timestamp(a) or timestamp(b{c=\"d\"}))");
}
