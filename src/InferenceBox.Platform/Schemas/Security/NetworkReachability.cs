namespace InferenceBox.Platform.Schemas.Security;

/// <summary>One connection a tenant's pod must not open, with the in-cluster address the @security feature calls it at.</summary>
/// <param name="Name">the feature's words for it, e.g. "Prometheus"</param>
/// <param name="Target">the pod as its chart or manifest labels it</param>
/// <param name="Port">the pod port the Service leads to</param>
/// <param name="Url">where a client pod calls it ({tenant} and {revision} filled in by the driver)</param>
public sealed record ProtectedEndpoint(string Name, PolicyPod Target, int Port, string Url);

/// <summary>
/// What tenants' pods may and may not reach (issue 19 item 7), as data: the offline check (NetworkPolicyCheck) judges the
/// NetworkPolicies of manifests/ against it, and the @security feature calls the same endpoints from a live client pod.
/// Pod labels are the ones the charts and manifests give, cited per entry.
/// </summary>
public static class NetworkReachability
{
    public const string LocalGateway = "Istio's knative-local-gateway";

    /// <summary>The suite's client pods and any workload a tenant could run: no predictor label.</summary>
    public static PolicyPod TenantPod(string tenant) => PolicyPod.Of(tenant, $"a pod of {tenant}");

    /// <summary>KServe labels predictor pods component: predictor (kserve/kserve@v0.15.2 pkg/constants/constants.go KServiceComponentLabel).</summary>
    public static PolicyPod PredictorPod(string tenant) => PolicyPod.Of(tenant, $"{tenant}'s predictor pod", ("component", "predictor"));

    public static IReadOnlyList<ProtectedEndpoint> Forbidden(string otherTenant) =>
    [
        // prometheus-operator labels the Prometheus pods app.kubernetes.io/name: prometheus; Service of release "prometheus".
        new("Prometheus", PolicyPod.Of("monitoring", "Prometheus", ("app.kubernetes.io/name", "prometheus")), 9090,
            "http://prometheus-kube-prometheus-prometheus.monitoring.svc.cluster.local:9090/api/v1/status/buildinfo"),
        // grafana chart 9.2.7 (kube-prometheus-stack 75.6.0): app.kubernetes.io/name: grafana, container port 3000, Service port 80.
        new("Grafana", PolicyPod.Of("monitoring", "Grafana", ("app.kubernetes.io/name", "grafana")), 3000,
            "http://prometheus-grafana.monitoring.svc.cluster.local/api/health"),
        // manifests/platform/observability/jaeger.yaml.
        new("Jaeger's query UI", PolicyPod.Of("istio-system", "Jaeger", ("app", "jaeger")), 16686, "http://tracing.istio-system.svc.cluster.local/jaeger/"),
        new("Jaeger's OTLP HTTP collector", PolicyPod.Of("istio-system", "Jaeger", ("app", "jaeger")), 4318,
            "http://jaeger-collector.istio-system.svc.cluster.local:4318/v1/traces"),
        new("Jaeger's OTLP gRPC collector", PolicyPod.Of("istio-system", "Jaeger", ("app", "jaeger")), 4317,
            "http://jaeger-collector.istio-system.svc.cluster.local:4317/"),
        // kiali/helm-charts@v2.11.0 kiali-server/templates/_helpers.tpl: app.kubernetes.io/name: kiali; server.port 20001.
        new("Kiali", PolicyPod.Of("istio-system", "Kiali", ("app.kubernetes.io/name", "kiali"), ("app", "kiali")), 20001,
            "http://kiali.istio-system.svc.cluster.local:20001/kiali/api/auth/info"),
        // knative-local-gateway: net-istio's Service, port 80 -> 8081 on the istio-ingressgateway pods (labels of release
        // istio-ingressgateway: istio/istio@1.26.2 manifests/charts/gateway/templates/_helpers.tpl).
        new(LocalGateway, PolicyPod.Of("istio-system", "the Istio ingress gateway", ("app", "istio-ingressgateway"), ("istio", "ingressgateway")),
            8081, "http://knative-local-gateway.istio-system.svc.cluster.local/v1/models/sklearn-iris:predict"),
        // Knative's private revision Service exposes the queue-proxy's http-usermetric port 9091 (knative/serving@knative-v1.18.1
        // pkg/reconciler/serverlessservice/resources/services.go, pkg/networking/constants.go UserQueueMetricsPort).
        new($"{otherTenant}'s queue-proxy metrics", PredictorPod(otherTenant), 9091, "http://{revision}-private." + otherTenant + ".svc.cluster.local:9091/metrics"),
    ];

    /// <summary>Connections the platform needs: if a policy blocks one, the mesh or a model breaks.</summary>
    public static IReadOnlyList<(PolicyPod From, PolicyPod To, int Port, string Protocol, string Why)> Needed(string tenant, string otherTenant) =>
    [
        (TenantPod(tenant), PolicyPod.Of("kube-system", "CoreDNS", ("k8s-app", "kube-dns")), 53, "UDP", "DNS"),
        (TenantPod(tenant), PolicyPod.Of("kube-system", "CoreDNS", ("k8s-app", "kube-dns")), 53, "TCP", "DNS over TCP"),
        (PredictorPod(tenant), PolicyPod.Of("istio-system", "istiod", ("app", "istiod"), ("istio", "pilot")), 15012, "TCP", "the sidecar's xDS and certificates"),
        (TenantPod(tenant), PolicyPod.Of("knative-serving", "Knative's activator", ("app", "activator"), ("role", "activator")), 8012, "TCP", "a call to a model at zero goes through the activator"),
        (TenantPod(tenant), PredictorPod(tenant), 8012, "TCP", "the tenant's own model, in the mesh"),
        (TenantPod(tenant), PredictorPod(otherTenant), 8012, "TCP", "another tenant's queue-proxy port, where mTLS and the AuthorizationPolicy refuse (mtls feature)"),
        (PredictorPod(tenant), PolicyPod.Of("istio-system", "Jaeger", ("app", "jaeger")), 4317, "TCP", "the predictor's spans"),
        (TenantPod(tenant), ModelGatewayProxy, 10080, "TCP", "the model gateway, the front door"),
        (PolicyPod.Of("monitoring", "Prometheus", ("app.kubernetes.io/name", "prometheus")), PredictorPod(tenant), 9091, "TCP", "Prometheus scraping queue-proxy"),
        (PolicyPod.Of("knative-serving", "Knative's activator", ("app", "activator")), PredictorPod(tenant), 8012, "TCP", "the activator forwarding to the model"),
        (PolicyPod.Of("istio-system", "the Istio ingress gateway", ("app", "istio-ingressgateway")), PredictorPod(tenant), 8012, "TCP", "the gateway path to the model"),
        (PolicyPod.Of("knative-serving", "Knative's autoscaler", ("app", "autoscaler")), PredictorPod(tenant), 9090, "TCP", "the autoscaler's scrape of queue-proxy"),
    ];

    /// <summary>Envoy Gateway labels its proxies with the Gateway they serve (envoyproxy/gateway@v1.4.2 internal/gatewayapi/translator.go).</summary>
    public static readonly PolicyPod ModelGatewayProxy = PolicyPod.Of("envoy-gateway-system", "the model gateway's Envoy",
        ("gateway.envoyproxy.io/owning-gateway-name", "inference-gateway"), ("gateway.envoyproxy.io/owning-gateway-namespace", "envoy-gateway-system"));

    public static readonly PolicyPod IngressGateway = PolicyPod.Of("istio-system", "the Istio ingress gateway", ("app", "istio-ingressgateway"), ("istio", "ingressgateway"));

    /// <summary>Who may and may not open the Istio ingress gateway (knative-local-gateway on 8081), whatever the caller's own policies.</summary>
    public static IReadOnlyList<(PolicyPod From, bool Allowed)> IngressGatewayCallers =>
    [
        (ModelGatewayProxy, true),
        (PolicyPod.Of("knative-serving", "net-istio's controller", ("app", "net-istio-controller")), true),
        (PolicyPod.Of("a-namespace-without-policies", "a pod of a namespace with no policy of its own"), false),
    ];
}
