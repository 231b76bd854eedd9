using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The platform as a dependency graph (platform-facts a): the pinned model weights in the host cache, then the cluster;
/// the namespaces charts install into; Istio's CNI node agent before istiod; Gateway API CRDs before Envoy Gateway;
/// Istio before net-istio; cert-manager and Knative before KServe; tenants before the issuer (each tenant's
/// client secret lives in its namespace); the issuer before the gateway's policies; cert-manager's certificates before the
/// gateway's HTTPS listener; tenants before models. Release names are the keys of charts: in manifests/versions.yaml (aliases tolerated).
/// </summary>
public static class PlatformPhases
{
    public static readonly string[] EnvoyGatewayReleases = ["eg", "envoy-gateway"], AiGatewayCrdReleases = ["aieg-crd", "ai-gateway-crds"], AiGatewayReleases = ["aieg", "ai-gateway"];
    public static readonly string[] KubePrometheusStackReleases = ["kube-prometheus-stack", "prometheus"];

    /// <summary>kube-prometheus-stack is installed as release "prometheus": Service prometheus-kube-prometheus-prometheus (Kiali's values).</summary>
    public const string KubePrometheusStackRelease = "prometheus";

    public static IReadOnlyList<PlatformPhase> All(ProvisionContext c, TimeProvider? clock = null)
    {
        const string Cluster = "cluster", Namespaces = "namespaces";
        return
        [
            new WeightsPhase(c),
            new ClusterPhase(c),
            // The platform's namespaces, before the charts that install into them (manifests/platform/namespaces): their
            // Pod Security labels admit the first pod already (issue 19 item 8).
            new ManifestPhase(c, Namespaces, [Path.Combine("platform", Namespaces)], 5, [], [Cluster]),
            new GatewayApiCrdsPhase(c, EnvoyGatewayReleases, Cluster),
            Helm(c, "istio-base", ["istio-base"], 10, (_, _, _) => Crds("virtualservices.networking.istio.io", "gateways.networking.istio.io",
                "peerauthentications.security.istio.io", "authorizationpolicies.security.istio.io", "requestauthentications.security.istio.io",
                "telemetries.telemetry.istio.io"), Namespaces),
            // Istio's CNI node agent before istiod injects for it (issue 19 item 8): DaemonSet istio-cni-node
            // (istio/istio@1.26.2 manifests/charts/istio-cni/templates/daemonset.yaml, named "istio-cni" + "-node").
            Helm(c, "istio-cni", ["istio-cni"], 30, (_, ns, _) => [new DaemonSetReady(ns, "istio-cni-node")], "istio-base"),
            Helm(c, "istiod", ["istiod"], 45, (_, ns, v) => [new DeploymentAvailable(ns, "istiod", v)], "istio-cni"),
            Helm(c, "istio-ingressgateway", ["istio-ingressgateway"], 30, (r, ns, v) => [new DeploymentAvailable(ns, r, v)], "istiod"),
            Helm(c, "cert-manager", ["cert-manager"], 45, (r, ns, v) => [new DeploymentAvailable(ns, "cert-manager", v),
                new DeploymentAvailable(ns, "cert-manager-cainjector", v), new DeploymentAvailable(ns, "cert-manager-webhook", v),
                new WebhookEndpointsReady(ns, "cert-manager-webhook"),
                .. Crds("certificates.cert-manager.io", "issuers.cert-manager.io", "clusterissuers.cert-manager.io")], Namespaces),
            new ReleaseUrlsPhase(c, "knative-serving", ["knative-serving-crds", "knative-serving-core"], Path.Combine("platform", "knative"), 60,
                v => [.. new[] { "activator", "autoscaler", "controller", "webhook" }.Select(d => new DeploymentAvailable("knative-serving", d, v)),
                    new WebhookEndpointsReady("knative-serving", "webhook")],
                Crds("services.serving.knative.dev", "revisions.serving.knative.dev", "configurations.serving.knative.dev",
                    "routes.serving.knative.dev", "images.caching.internal.knative.dev"), "istiod"),
            new ReleaseUrlsPhase(c, "net-istio", ["net-istio"], null, 25,
                v => [new DeploymentAvailable("knative-serving", "net-istio-controller", v), new DeploymentAvailable("knative-serving", "net-istio-webhook", v)],
                [], "knative-serving", "istio-ingressgateway"),
            Helm(c, "kserve-crd", ["kserve-crd"], 10, (_, _, _) => Crds("inferenceservices.serving.kserve.io",
                "servingruntimes.serving.kserve.io", "clusterservingruntimes.serving.kserve.io"), Namespaces),
            Helm(c, "kserve", ["kserve"], 60, (_, ns, v) => [new DeploymentAvailable(ns, "kserve-controller-manager", v),
                new WebhookEndpointsReady(ns, "kserve-webhook-server-service")], "kserve-crd", "cert-manager", "knative-serving"),
            // With the chart, platform/envoy-gateway/ (Redis); the controller itself runs envoy-ratelimit for the global rate limit.
            Helm(c, "envoy-gateway", EnvoyGatewayReleases, 40, (_, ns, v) => [new DeploymentAvailable(ns, "envoy-gateway", v),
                new DeploymentAvailable(ns, "redis"), new DeploymentAvailable(ns, "envoy-ratelimit"),
                .. Crds("securitypolicies.gateway.envoyproxy.io", "backendtrafficpolicies.gateway.envoyproxy.io",
                    "envoyproxies.gateway.envoyproxy.io", "backends.gateway.envoyproxy.io")], "gateway-api-crds", Namespaces),
            new AiGatewayPhase(c, AiGatewayCrdReleases, AiGatewayReleases, EnvoyGatewayReleases, "envoy-gateway"),
            // Grafana's admin Secret first (issue 19 item 2), in the namespace the namespaces phase made.
            new MonitoringPhase(c, "kube-prometheus-stack", KubePrometheusStackReleases, 90, (r, ns, v) => [new DeploymentAvailable(ns, KubePrometheusStackFullname(r) + "-operator", v),
                new DeploymentAvailable(ns, $"{r}-grafana"), new DeploymentAvailable(ns, $"{r}-kube-state-metrics"),
                .. Crds("prometheuses.monitoring.coreos.com", "podmonitors.monitoring.coreos.com", "servicemonitors.monitoring.coreos.com")],
                KubePrometheusStackRelease, Namespaces),
            // Jaeger all-in-one (Istio's addon, pinned image) and the Kiali NodePort: plain manifests.
            new ManifestPhase(c, "observability", [Path.Combine("platform", "observability")], 30,
                [new DeploymentAvailable("istio-system", "jaeger")], ["istio-base"]),
            Helm(c, "kiali", ["kiali", "kiali-server"], 40, (_, ns, v) => [new DeploymentAvailable(ns, "kiali", v)], "istiod"),
            new ObservabilityExtrasPhase(c, DashboardNamespace(c), [Path.Combine("platform", "istio"), Path.Combine("platform", "monitors")],
                "kube-prometheus-stack", "istiod", "observability"),
            new IssuerPhase(c, Cluster, "tenants"),
            new ManifestPhase(c, "tenants", ["tenants"], 5, [], ["istio-base"]),
            // The CA and the gateway's certificate (manifests/tls): cert-manager's webhook serves, and Envoy Gateway's
            // namespace exists, before they are applied; the HTTPS listener then finds its Secret.
            new CertificatesPhase(c, "cert-manager", "envoy-gateway"),
            new GatewayPhase(c, EnvoyGatewayReleases, "envoy-gateway", "ai-gateway", "tenants", "issuer", "net-istio", CertificatesPhase.PhaseName),
            new ModelsPhase(c, clock, "kserve", "tenants", "net-istio"),
        ];
    }

    /// <summary>CustomResourceDefinitions that must be Established (by name: &lt;plural&gt;.&lt;group&gt;).</summary>
    public static IReadOnlyList<Readiness> Crds(params string[] names) => names.Select(n => (Readiness)new CrdEstablished(n)).ToList();

    private static HelmReleasePhase Helm(ProvisionContext c, string name, string[] releases, int estimate,
        Func<string, string, string, IReadOnlyList<Readiness>> requirements, params string[] dependsOn) =>
        new(c, name, releases, estimate, requirements, null, dependsOn);

    /// <summary>kube-prometheus-stack's fullname: "&lt;release&gt;-kube-prometheus-stack" cut to 26 characters.</summary>
    public static string KubePrometheusStackFullname(string release) => release.Contains("kube-prometheus-stack", StringComparison.Ordinal)
        ? release[..Math.Min(release.Length, 26)].TrimEnd('-')
        : $"{release}-kube-prometheus-stack"[..Math.Min(release.Length + 22, 26)].TrimEnd('-');

    private static string DashboardNamespace(ProvisionContext c) =>
        KubePrometheusStackReleases.Select(k => c.Lock.Charts.GetValueOrDefault(k)?.Namespace).FirstOrDefault(n => n is { Length: > 0 }) ?? "monitoring";
}
