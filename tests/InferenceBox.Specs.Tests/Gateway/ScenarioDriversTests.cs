using InferenceBox.Specs.Support.Metrics;
using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using Xunit;

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
    public void The_mesh_tls_query_selects_what_the_predictor_received_by_source_and_tls_mode()
    {
        var query = MeshTlsMetrics.Query("tenant-b", "sklearn-iris");
        query.Should().Contain("reporter=\"destination\"").And.Contain("destination_workload_namespace=\"tenant-b\"")
            .And.Contain("destination_workload=~\"sklearn-iris-predictor-.*\"").And.Contain("connection_security_policy")
            .And.Contain("source_workload_namespace=\"istio-system\",source_workload=\"istio-ingressgateway\"")
            .And.Contain("source_workload_namespace=\"knative-serving\",source_workload=\"activator\"")
            .And.NotContain("=~\"istio-system|knative-serving\"", "a namespace regex lets the autoscaler's scrapes in");
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
