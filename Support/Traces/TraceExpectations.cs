namespace InferenceBox.Specs.Support.Traces;

/// <summary>
/// How a scenario recognises the hops of one request in a trace. Service names are whatever the proxies report
/// (Istio: "&lt;app or workload&gt;.&lt;namespace&gt;"), so they are matched by their stable parts, not spelled out.
/// </summary>
public static class TraceExpectations
{
    public static bool IsGateway(string service) => service.Contains("gateway", StringComparison.OrdinalIgnoreCase);

    public static bool IsPredictor(string service, string tenant, string model) =>
        service.StartsWith(model + "-predictor", StringComparison.Ordinal) && service.Contains(tenant, StringComparison.Ordinal);

    public static bool HasGatewayAndPredictor(JaegerTrace trace, string tenant, string model) =>
        trace.Services.Any(IsGateway) && trace.Services.Any(s => IsPredictor(s, tenant, model));

    /// <summary>Jaeger may print trace ids without leading zeros; compare them as numbers.</summary>
    public static bool SameTraceId(string a, string b) =>
        string.Equals(a.TrimStart('0'), b.TrimStart('0'), StringComparison.OrdinalIgnoreCase);
}
