using InferenceBox.Specs.Support.Traces;
using InferenceBox.Specs.Tests.Observability;

namespace InferenceBox.Specs.Tests.Traces;

/// <summary>
/// Issue 17 item 9: the traced request's first hop is Envoy Gateway, whose span is the child of the client's own span
/// (the traceparent's parent id), with Istio's ingress gateway and the predictor below it. Recorded traces in the shape
/// of Jaeger's query API (GET /api/traces/{id}); Envoy Gateway names its spans' service "&lt;gateway&gt;.&lt;namespace&gt;"
/// (envoyproxy/gateway@v1.4.2 internal/gatewayapi/listener.go processTracing) and spawns an upstream span under its
/// server span (internal/xds/translator/tracing.go SpawnUpstreamSpan).
/// </summary>
public sealed class EnvoyGatewaySpanTests
{
    private const string ClientSpan = "00f067aa0ba902b7";

    [Fact]
    public void A_trace_that_starts_at_istios_ingress_gateway_lacks_envoy_gateways_span()
    {
        var trace = JaegerTrace.Parse(RecordedJson.Read("Traces", "jaeger-trace-gateway-predictor.json"))!;

        TraceExpectations.WhyNotThroughTheGateway(trace, ClientSpan, "tenant-a", "sklearn-iris")
            .Should().Contain("the gateway reported no span", "Istio's gateway is not Envoy Gateway, the entry point the feature names");
    }

    [Fact]
    public void The_model_gateways_span_is_the_clients_child_with_the_ingress_gateway_and_predictor_below_it()
    {
        var trace = JaegerTrace.Parse(RecordedJson.Read("Traces", "jaeger-trace-envoy-gateway.json"))!;

        TraceExpectations.WhyNotThroughTheGateway(trace, ClientSpan, "tenant-a", "sklearn-iris").Should().BeNull(trace.ToString());
        TraceExpectations.WhyNotThroughTheGateway(trace, "0000000000000001", "tenant-a", "sklearn-iris")
            .Should().Contain("other parents", "the gateway's span must continue the client's own traceparent");
        TraceExpectations.WhyNotThroughTheGateway(trace, ClientSpan, "tenant-b", "sklearn-iris").Should().Contain("predictor in tenant-b");
    }

    [Fact]
    public void A_gateway_span_with_nothing_below_it_is_not_the_whole_path()
    {
        var trace = JaegerTrace.Parse(RecordedJson.Read("Traces", "jaeger-trace-envoy-gateway.json"))!;
        var cut = trace with { Spans = trace.Spans.Where(s => !s.Service.EndsWith(".istio-system", StringComparison.Ordinal)).ToList() };

        TraceExpectations.WhyNotThroughTheGateway(cut, ClientSpan, "tenant-a", "sklearn-iris").Should().Contain("Istio's ingress gateway");
    }

    [Fact]
    public void The_client_span_is_the_traceparents_parent_id()
    {
        var (_, traceParent) = JaegerDriver.NewTraceParent();
        TraceExpectations.ParentIdOf(traceParent).Should().MatchRegex("^[0-9a-f]{16}$").And.Be(traceParent.Split('-')[2]);
        FluentActions.Invoking(() => TraceExpectations.ParentIdOf("nope")).Should().Throw<FormatException>();
    }
}
