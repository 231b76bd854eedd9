using FluentAssertions;
using InferenceBox.Specs.Support.Traces;
using InferenceBox.Specs.Tests.Observability;
using Xunit;

namespace InferenceBox.Specs.Tests.Traces;

/// <summary>
/// Issue 17 item 9: the traced request's first hop is Envoy Gateway. A trace whose "gateway" span is Istio's ingress
/// gateway (Traces/Fixtures/jaeger-trace-gateway-predictor.json) never went through Envoy Gateway's tracing.
/// </summary>
public sealed class EnvoyGatewaySpanTests
{
    [Fact]
    public void A_trace_that_starts_at_istios_ingress_gateway_lacks_envoy_gateways_span()
    {
        var trace = JaegerTrace.Parse(RecordedJson.Read("Traces", "jaeger-trace-gateway-predictor.json"))!;

        TraceExpectations.HasGatewayAndPredictor(trace, "tenant-a", "sklearn-iris")
            .Should().BeFalse("Istio's knative-local-gateway is not Envoy Gateway, the entry point the feature names");
    }
}
