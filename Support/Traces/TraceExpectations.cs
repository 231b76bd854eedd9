using InferenceBox.Platform.Gateway;


namespace InferenceBox.Specs.Support.Traces;

/// <summary>
/// How a scenario recognises the hops of one request in a trace. The client sends its own W3C traceparent, so the
/// trace's root is the client's span (it reports none); the first hop is the model gateway, whose span must be that
/// root's child, and Istio's ingress gateway and the predictor must lie below it. Service names are what the proxies
/// report: Envoy Gateway "&lt;gateway&gt;.&lt;namespace&gt;" (<see cref="ModelGateway.TracingServiceName"/>), Istio
/// "&lt;app or workload&gt;.&lt;namespace&gt;".
/// </summary>
public static class TraceExpectations
{
    public static bool IsEnvoyGateway(string service) => service == ModelGateway.TracingServiceName;

    public static bool IsIstioIngress(string service) =>
        service.EndsWith(".istio-system", StringComparison.Ordinal) && service.Contains("gateway", StringComparison.OrdinalIgnoreCase);

    public static bool IsPredictor(string service, string tenant, string model) =>
        service.StartsWith(model + "-predictor", StringComparison.Ordinal) && service.Contains(tenant, StringComparison.Ordinal);

    /// <summary>The parent id of a W3C traceparent "00-&lt;trace id&gt;-&lt;parent id&gt;-&lt;flags&gt;": the client's span.</summary>
    public static string ParentIdOf(string traceParent) =>
        traceParent.Split('-') is [_, _, var parent, _] ? parent : throw new FormatException($"'{traceParent}' is not a W3C traceparent.");

    /// <summary>Null when the trace shows client → Envoy Gateway → Istio's ingress gateway → the predictor; otherwise what is missing.</summary>
    public static string? WhyNotThroughTheGateway(JaegerTrace trace, string clientSpanId, string tenant, string model)
    {
        var gateway = trace.Spans.FirstOrDefault(s => IsEnvoyGateway(s.Service) && SameId(s.ParentSpanId, clientSpanId));
        if (gateway is null)
            return $"no span of {ModelGateway.TracingServiceName} is the child of the client's span {clientSpanId}: " +
                   (trace.Spans.Any(s => IsEnvoyGateway(s.Service)) ? "the gateway's spans have other parents" : "the gateway reported no span") + $" ({trace})";
        var below = Descendants(trace, gateway.SpanId);
        if (!below.Any(s => IsIstioIngress(s.Service))) return $"no span of Istio's ingress gateway below the gateway's span {gateway.SpanId} ({trace})";
        return below.Any(s => IsPredictor(s.Service, tenant, model)) ? null
            : $"no span of {model}'s predictor in {tenant} below the gateway's span {gateway.SpanId} ({trace})";
    }

    /// <summary>Jaeger may print trace ids without leading zeros; compare them as numbers.</summary>
    public static bool SameTraceId(string a, string b) =>
        string.Equals(a.TrimStart('0'), b.TrimStart('0'), StringComparison.OrdinalIgnoreCase);

    private static bool SameId(string? a, string b) => a is not null && SameTraceId(a, b);

    private static List<TraceSpan> Descendants(JaegerTrace trace, string spanId)
    {
        var found = new List<TraceSpan>();
        var frontier = new Queue<string>([spanId]);
        while (frontier.TryDequeue(out var parent))
            foreach (var child in trace.Spans.Where(s => SameId(s.ParentSpanId, parent) && !found.Contains(s)))
            {
                found.Add(child);
                frontier.Enqueue(child.SpanId);
            }
        return found;
    }
}
