using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Security;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

public sealed class ScenarioDriversTests
{
    [Fact]
    public void A_burst_summary_counts_passes_local_limits_and_others()
    {
        GatewayExchange Answer(int status) => RateLimitAnswersTests.Recorded("local") with { StatusCode = status, RequestId = $"id-{status}" };

        var summary = BurstSummary.Of([Answer(200), Answer(200), Answer(429), Answer(503)]);

        summary.Should().BeEquivalentTo(new { Sent = 4, Passed = 2, Limited = 1 });
        summary.Others.Should().Equal("503 (request id id-503): status 503, not 429");
        summary.ToString().Should().Contain("1 refused by the local rate limiter");
    }

    [Fact]
    public void The_mesh_tls_selectors_read_what_the_predictor_received_from_the_gateway_path_only()
    {
        var selectors = MeshTlsMetrics.Selectors("tenant-b", "sklearn-iris");
        selectors.Should().HaveCount(2).And.OnlyContain(s => s.Contains("reporter=\"destination\"") && s.Contains("destination_workload_namespace=\"tenant-b\"")
            && s.Contains("destination_workload=~\"sklearn-iris-predictor-.*\""));
        selectors.Should().Contain(s => s.Contains("source_workload_namespace=\"istio-system\",source_workload=\"istio-ingressgateway\""))
            .And.Contain(s => s.Contains("source_workload_namespace=\"knative-serving\",source_workload=\"activator\""))
            .And.NotContain(s => s.Contains("=~\"istio-system|knative-serving\""), "a namespace regex lets the autoscaler's scrapes in");
    }

    [Fact]
    public void Only_a_rise_of_mutual_tls_requests_with_no_other_mode_rising_passes()
    {
        MeshTlsMetrics.WhyNotMutualTls([new("istio-system/istio-ingressgateway", "mutual_tls", 1)], 1).Should().BeNull();
        MeshTlsMetrics.WhyNotMutualTls([new("knative-serving/activator", "mutual_tls", 0)], 1).Should().Contain("rose by 0");
        MeshTlsMetrics.WhyNotMutualTls([new("knative-serving/activator", "mutual_tls", 1), new("knative-serving/activator", "none", 1)], 1)
            .Should().Contain("without mutual TLS").And.Contain("none");
        MeshTlsMetrics.WhyNotMutualTls([], 1).Should().NotBeNull("no rise at all: the scenario's own request was not seen");
    }

    [Fact]
    public void Prometheus_answers_are_read_into_traffic_by_source()
    {
        var traffic = MeshTlsMetrics.From(PrometheusResult.Parse("q", """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"source_workload":"istio-ingressgateway","source_workload_namespace":"istio-system","connection_security_policy":"mutual_tls"},"value":[1732662000.1,"3"]},
              {"metric":{"source_workload":"activator","source_workload_namespace":"knative-serving","connection_security_policy":"none"},"value":[1732662000.1,"1.5"]}]}}
            """));

        traffic.Should().Equal(new MeshTraffic("istio-system/istio-ingressgateway", "mutual_tls", 3), new MeshTraffic("knative-serving/activator", "none", 1.5));
    }

    [Fact]
    public void A_refused_query_is_an_error_with_prometheus_words() =>
        FluentActions.Invoking(() => MeshTlsMetrics.From(PrometheusResult.Parse("q", "{\"status\":\"error\",\"error\":\"parse error\"}")))
            .Should().Throw<PrometheusQueryException>().WithMessage("*parse error*");
}
