namespace InferenceBox.Specs.Support.Metrics;

/// <summary>One workload that can hand a gateway request to a predictor, as Istio names it in source_* labels.</summary>
public sealed record MeshSource(string Namespace, string Workload)
{
    public override string ToString() => $"{Namespace}/{Workload}";
}

/// <summary>
/// The only sources whose requests to a predictor are gateway traffic, so the only ones the scenarios may count.
/// Envoy Gateway hands every model call to Istio's knative-local-gateway, which is served by the istio-ingressgateway
/// pods (knative-extensions/net-istio@knative-v1.18.0 config/203-local-gateway.yaml: selector istio: ingressgateway;
/// Deployment named after the release, istio/istio@1.26.2 manifests/charts/gateway/templates/_helpers.tpl); from
/// there it reaches the predictor directly or through Knative's activator (knative-serving). Istio's sidecar names a
/// source by its Deployment and namespace (istio/istio@1.26.2 injection templates: ISTIO_META_WORKLOAD_NAME;
/// istio/proxy@1.26.2 istio_stats.cc, source_workload / source_workload_namespace).
/// Left out on purpose: the Knative autoscaler, which scrapes queue-proxy's :9090/metrics once a second through the
/// mesh (knative/serving@knative-v1.18.1 pkg/autoscaler/metrics/collector.go scrapeTickInterval; stats_scraper.go),
/// and Prometheus, which scrapes :9091 in plaintext and so shows as source "unknown". Not separable by these labels:
/// the activator's readiness probes of a new pod (pkg/activator/net/revision_backends.go: a pod already probed
/// healthy is not probed again), a handful of 200s per cold start.
/// </summary>
public static class GatewayPathSources
{
    public static IReadOnlyList<MeshSource> All { get; } = [new("istio-system", "istio-ingressgateway"), new("knative-serving", "activator")];

    /// <summary>
    /// One istio_requests_total selector per gateway-path source, each with <paramref name="labels"/> (PromQL label
    /// matchers, comma-separated) and an optional range; the caller combines them (e.g. with <c>or</c>), since a
    /// (namespace, workload) pair cannot be one regex without also matching the crossed pairs.
    /// </summary>
    public static IEnumerable<string> Selectors(string labels, string? range = null) => All.Select(s =>
        $"istio_requests_total{{{labels},source_workload_namespace=\"{s.Namespace}\",source_workload=\"{s.Workload}\"}}" +
        (range is null ? "" : $"[{range}]"));
}
