namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// A chart's pod, where our values may set its resources, and the chart's default requests at the pinned version;
/// <see cref="EnabledBy"/>: a values path the pod exists only with (null: always).
/// </summary>
public sealed record ChartPod(string Component, string ValuesPath, ResourceAmount Default, string DefaultSource, string? EnabledBy = null);

/// <summary>A pod of a plain-YAML release; <see cref="Sidecar"/> when Istio injects one into it (its namespace permitting).</summary>
public sealed record ReleasePod(string Component, string Namespace, ResourceAmount Requests, bool Sidecar, string Source);

/// <summary>
/// Default requests read in the upstream sources at the pinned versions. "None" means the chart sets no requests
/// (resources: {}), so the pod reserves nothing. Only long-running pods count: completed Jobs (cert-manager's
/// startupapicheck, the admission-webhook patch Jobs, Envoy Gateway's certgen) reserve nothing once done.
/// </summary>
public static class ChartRequests
{
    private static ResourceAmount R(string cpu, string memory) => ResourceAmount.Of(cpu, memory);

    /// <summary>kind v0.29.0's node: kubeadm's static pods and add-ons, kind's CNI and storage.</summary>
    public static readonly IReadOnlyList<FootprintTerm> KindSystemPods =
    [
        // kubernetes/kubernetes cmd/kubeadm/app/phases/controlplane/manifests.go ComponentResources("250m"/"200m"/"100m"): CPU only.
        new("kube-apiserver", R("250m", "0"), "kubeadm controlplane/manifests.go"),
        new("kube-controller-manager", R("200m", "0"), "kubeadm controlplane/manifests.go"),
        new("kube-scheduler", R("100m", "0"), "kubeadm controlplane/manifests.go"),
        // cmd/kubeadm/app/phases/etcd/local.go: requests cpu 100m, memory 100Mi.
        new("etcd", R("100m", "100Mi"), "kubeadm etcd/local.go"),
        // cmd/kubeadm/app/phases/addons/dns/manifests.go: 2 replicas (constants CoreDNSReplicas), requests 100m / 70Mi each.
        new("CoreDNS x2", R("200m", "140Mi"), "kubeadm addons/dns/manifests.go"),
        // kubernetes-sigs/kind@v0.29.0 pkg/build/nodeimage/const_cni.go: kindnet requests 100m / 50Mi.
        new("kindnet", R("100m", "50Mi"), "kind const_cni.go"),
        // kube-proxy (kubeadm) and local-path-provisioner (kind const_storage.go) set no requests.
    ];

    public static IEnumerable<ChartPod> ForChart(string? chart) => chart switch
    {
        "istiod" => [new("istiod", ".resources", R("500m", "2048Mi"), "istio/istio@1.26.2 manifests/charts/istio-control/istio-discovery/values.yaml")],
        "cni" => [new("Istio CNI node agent", ".resources", R("100m", "100Mi"), "istio/istio@1.26.2 manifests/charts/istio-cni/values.yaml")],
        "gateway" => [new("Istio ingress gateway", ".resources", R("100m", "128Mi"), "istio/istio@1.26.2 manifests/charts/gateway/values.yaml")],
        "cert-manager" =>
        [
            new("cert-manager", ".resources", R("0", "0"), "cert-manager@v1.18.2 deploy/charts/cert-manager/values.yaml resources: {}"),
            new("cert-manager webhook", ".webhook.resources", R("0", "0"), "cert-manager values.yaml webhook.resources: {}"),
            new("cert-manager cainjector", ".cainjector.resources", R("0", "0"), "cert-manager values.yaml cainjector.resources: {}"),
        ],
        "kserve" =>
        [
            new("kserve-controller-manager", ".kserve.controller.resources", R("100m", "300Mi"), "kserve/kserve@v0.15.2 charts/kserve-resources/values.yaml"),
            new("kserve kube-rbac-proxy", ".kserve.controller.rbacProxy.resources", R("100m", "300Mi"), "kserve charts/kserve-resources/values.yaml"),
        ],
        "gateway-helm" =>
        [
            new("Envoy Gateway controller", ".deployment.envoyGateway.resources", R("100m", "256Mi"), "envoyproxy/gateway@v1.4.2 charts/gateway-helm/values.tmpl.yaml"),
            // The controller runs Deployment envoy-ratelimit once its config names a rate-limit backend
            // (internal/infrastructure/kubernetes/ratelimit/), requests from rateLimitDeployment, else 100m / 512Mi
            // (api/v1alpha1/envoygateway_helpers.go DefaultKubernetesDeployment, shared_types.go DefaultDeployment*ResourceRequests).
            new("Envoy Gateway ratelimit", ".config.envoyGateway.provider.kubernetes.rateLimitDeployment.container.resources", R("100m", "512Mi"),
                "envoyproxy/gateway@v1.4.2 api/v1alpha1/shared_types.go", EnabledBy: ".config.envoyGateway.rateLimit"),
        ],
        "ai-gateway-helm" => [new("AI Gateway controller", ".controller.resources", R("0", "0"), "envoyproxy/ai-gateway@v0.2.1 manifests/charts/ai-gateway-helm/values.yaml resources: {}")],
        "kube-prometheus-stack" =>
        [
            // prometheus-community/helm-charts@kube-prometheus-stack-75.6.0 values.yaml: resources: {} for each; the config
            // reloader gets requests 0 (templates/prometheus-operator/deployment.yaml --config-reloader-cpu-request ... | default 0).
            new("Prometheus operator", ".prometheusOperator.resources", R("0", "0"), "kube-prometheus-stack-75.6.0 values.yaml"),
            new("Prometheus", ".prometheus.prometheusSpec.resources", R("0", "0"), "kube-prometheus-stack-75.6.0 values.yaml"),
            new("kube-state-metrics", ".kube-state-metrics.resources", R("0", "0"), "kube-state-metrics 6.0.0 values.yaml resources: {}"),
            new("Grafana", ".grafana.resources", R("0", "0"), "grafana 9.2.7 values.yaml resources: {} (its sidecars too)"),
        ],
        "kiali-server" => [new("Kiali", ".deployment.resources", R("10m", "64Mi"), "kiali/helm-charts@v2.11.0 kiali-server/values.yaml")],
        _ => [],
    };

    public static IEnumerable<ReleasePod> ForRelease(string release) => release switch
    {
        // knative/serving@knative-v1.18.1 config/core/deployments/*.yaml (one replica each: the HPAs' minReplicas is 1).
        "knative-serving-core" =>
        [
            new("Knative activator", "knative-serving", R("300m", "60Mi"), true, "knative/serving@knative-v1.18.1 config/core/deployments/activator.yaml"),
            new("Knative autoscaler", "knative-serving", R("100m", "100Mi"), true, "config/core/deployments/autoscaler.yaml"),
            new("Knative controller", "knative-serving", R("100m", "100Mi"), true, "config/core/deployments/controller.yaml"),
            new("Knative webhook", "knative-serving", R("100m", "100Mi"), true, "config/core/deployments/webhook.yaml"),
        ],
        // knative-extensions/net-istio@knative-v1.18.0 config/500-controller.yaml (sidecar.istio.io/inject: "false"),
        // config/500-webhook-deployment.yaml.
        "net-istio" =>
        [
            new("net-istio controller", "knative-serving", R("30m", "40Mi"), false, "net-istio@knative-v1.18.0 config/500-controller.yaml"),
            new("net-istio webhook", "knative-serving", R("20m", "20Mi"), true, "net-istio config/500-webhook-deployment.yaml"),
        ],
        _ => [],
    };
}
