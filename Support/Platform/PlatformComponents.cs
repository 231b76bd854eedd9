namespace InferenceBox.Specs.Support.Platform;

/// <summary>A component of the platform: where it runs, the Deployments that must be Available, the CRDs it owns.</summary>
public sealed record PlatformComponent(string Name, string Namespace, IReadOnlyList<string> Deployments, IReadOnlyList<string> Crds);

/// <summary>The one table of what "the platform is ready" means, used by the readiness feature and attach checks.</summary>
public static class PlatformComponents
{
    public static IReadOnlyList<PlatformComponent> All { get; } =
    [
        new("istio", "istio-system", ["istiod", "istio-ingressgateway"],
            ["virtualservices.networking.istio.io", "gateways.networking.istio.io", "peerauthentications.security.istio.io",
             "authorizationpolicies.security.istio.io", "requestauthentications.security.istio.io", "telemetries.telemetry.istio.io"]),
        new("cert-manager", "cert-manager", ["cert-manager", "cert-manager-cainjector", "cert-manager-webhook"],
            ["certificates.cert-manager.io", "issuers.cert-manager.io", "clusterissuers.cert-manager.io"]),
        new("knative", "knative-serving", ["activator", "autoscaler", "controller", "webhook", "net-istio-controller", "net-istio-webhook"],
            ["services.serving.knative.dev", "revisions.serving.knative.dev", "configurations.serving.knative.dev", "routes.serving.knative.dev"]),
        new("kserve", "kserve", ["kserve-controller-manager"],
            ["inferenceservices.serving.kserve.io", "servingruntimes.serving.kserve.io", "clusterservingruntimes.serving.kserve.io"]),
        // envoy-ratelimit: Envoy Gateway runs it for the global rate limit (values/envoy-gateway.yaml rateLimit); redis holds its
        // counters (platform/envoy-gateway/redis.yaml).
        new("envoy-gateway", "envoy-gateway-system", ["envoy-gateway", "envoy-ratelimit", "redis"],
            ["gateways.gateway.networking.k8s.io", "httproutes.gateway.networking.k8s.io", "referencegrants.gateway.networking.k8s.io",
             "securitypolicies.gateway.envoyproxy.io", "backendtrafficpolicies.gateway.envoyproxy.io", "envoyproxies.gateway.envoyproxy.io",
             "backends.gateway.envoyproxy.io"]),
        new("ai-gateway", "envoy-ai-gateway-system", ["ai-gateway-controller"],
            ["aigatewayroutes.aigateway.envoyproxy.io", "aiservicebackends.aigateway.envoyproxy.io", "backendsecuritypolicies.aigateway.envoyproxy.io"]),
        new("monitoring", "monitoring", ["prometheus-kube-prometheus-operator", "prometheus-grafana", "prometheus-kube-state-metrics"],
            ["prometheuses.monitoring.coreos.com", "podmonitors.monitoring.coreos.com", "servicemonitors.monitoring.coreos.com"]),
        new("issuer", "auth-system", ["jwt-issuer"], []),
        // Jaeger all-in-one (platform/observability/jaeger.yaml) and Kiali (release kiali-server, Deployment "kiali").
        new("observability", "istio-system", ["jaeger", "kiali"], []),
    ];

    /// <summary>
    /// The Gateways of the platform (manifests/gateway/gateway.yaml, ai-gateway.yaml), each with an Envoy proxy
    /// Deployment of its own that Envoy Gateway creates.
    /// </summary>
    public static IReadOnlyList<string> Gateways { get; } = ["envoy-gateway-system/inference-gateway", "envoy-gateway-system/ai-gateway"];

    /// <summary>
    /// Prometheus runs as the StatefulSet its operator names "prometheus-" + the Prometheus resource's name
    /// (prometheus-operator pkg/prometheus/statefulset.go prefixedName); kube-prometheus-stack names that resource
    /// "&lt;fullname&gt;-prometheus", the name of its Service too (prometheus-kube-prometheus-prometheus, upstream-audit).
    /// </summary>
    public static string PrometheusStatefulSet => $"monitoring/prometheus-{Provisioning.Phases.PlatformPhases.KpsFullname(Provisioning.Phases.PlatformPhases.KpsRelease)}-prometheus";

    public static PlatformComponent Named(string name) =>
        All.SingleOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"Unknown platform component '{name}'. Known: {string.Join(", ", All.Select(c => c.Name))}.", nameof(name));
}
