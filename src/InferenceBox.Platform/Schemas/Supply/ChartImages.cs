namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>How a chart wants a digest written into the values key that carries it.</summary>
public enum DigestForm
{
    /// <summary>"sha256:&lt;hex&gt;"; the chart renders repository@digest (the tag is dropped).</summary>
    Digest,
    /// <summary>"&lt;hex&gt;" without its prefix; the chart renders repository:tag@sha256:&lt;hex&gt;.</summary>
    BareHex,
    /// <summary>"&lt;tag&gt;@sha256:&lt;hex&gt;" in a tag key; the chart renders repository:tag@sha256:&lt;hex&gt;.</summary>
    TagAtDigest,
    /// <summary>The whole reference "repository:tag@sha256:&lt;hex&gt;" in one key.</summary>
    Reference,
}

/// <summary>One image a pinned chart runs, the values key that pins it, and the chart file that renders that key.</summary>
public sealed record ChartImage(string Chart, string Image, string ValuesPath, DigestForm Form, string RenderedBy)
{
    /// <summary>What the values key must hold for the chart to render <paramref name="image"/> by its digest.</summary>
    public string Expected(LockedImage image) => Form switch
    {
        DigestForm.Digest => image.Digest!,
        DigestForm.BareHex => image.Digest![7..],
        DigestForm.TagAtDigest => $"{image.Tag}@{image.Digest}",
        _ => image.ToString(),
    };
}

/// <summary>
/// Every image the platform's charts run with our values, read at the pinned tags, and where each chart takes its digest.
/// Images a chart renders only for features we leave off are not listed (KPS's alertmanager, thanos, admission-webhook
/// Deployment, busybox and kubectl jobs; grafana's init-chown, image renderer and test pod; KServe's agent, router and the
/// runtimes we do not use). Envoy Gateway's ratelimit is listed: our values configure a global rate limit backend (Redis,
/// for the AI gateway's token budget), and with one the controller runs Deployment envoy-ratelimit. Knative's and net-istio's images come by digest inside their release files, which the lock pins by SHA-256.
/// </summary>
public static class ChartImages
{
    private const string CertManager = "cert-manager/cert-manager@v1.18.2:deploy/charts/cert-manager/";
    private const string KubePrometheusStackChart = "prometheus-community/helm-charts@kube-prometheus-stack-75.6.0:charts/kube-prometheus-stack/";
    private const string Grafana = "grafana/helm-charts@grafana-9.2.7:charts/grafana/";
    private const string KubeStateMetricsChart = "prometheus-community/helm-charts@kube-state-metrics-6.0.0:charts/kube-state-metrics/";
    private const string Istiod = "istio/istio@1.26.2:manifests/charts/istio-control/istio-discovery/";
    private const string KServe = "kserve/kserve@v0.15.2:charts/kserve-resources/";
    private const string EnvoyGatewayChart = "envoyproxy/gateway@v1.4.2:charts/gateway-helm/";
    private const string AiGatewayChart = "envoyproxy/ai-gateway@v0.2.1:manifests/charts/ai-gateway-helm/";

    public static readonly IReadOnlyList<ChartImage> All =
    [
        // The "image" helper prints repository@digest when a digest is set ("Setting a digest will override any tag").
        new("cert-manager", "quay.io/jetstack/cert-manager-controller", ".image.digest", DigestForm.Digest, CertManager + "templates/_helpers.tpl (image); values.yaml:147-156"),
        new("cert-manager", "quay.io/jetstack/cert-manager-webhook", ".webhook.image.digest", DigestForm.Digest, CertManager + "values.yaml:883-892"),
        new("cert-manager", "quay.io/jetstack/cert-manager-cainjector", ".cainjector.image.digest", DigestForm.Digest, CertManager + "values.yaml:1192-1201"),
        new("cert-manager", "quay.io/jetstack/cert-manager-acmesolver", ".acmesolver.image.digest", DigestForm.Digest, CertManager + "values.yaml:1251-1260"),
        new("cert-manager", "quay.io/jetstack/cert-manager-startupapicheck", ".startupapicheck.image.digest", DigestForm.Digest, CertManager + "values.yaml:1384-1393"),

        // kube-prometheus-stack and grafana add "@sha256:" themselves; kube-state-metrics prints the value as given.
        new("kube-prometheus-stack", "quay.io/prometheus/prometheus", ".prometheus.prometheusSpec.image.sha", DigestForm.BareHex, KubePrometheusStackChart + "templates/prometheus/prometheus.yaml:51-56"),
        new("kube-prometheus-stack", "quay.io/prometheus-operator/prometheus-operator", ".prometheusOperator.image.sha", DigestForm.BareHex, KubePrometheusStackChart + "templates/prometheus-operator/deployment.yaml:53-54"),
        new("kube-prometheus-stack", "quay.io/prometheus-operator/prometheus-config-reloader", ".prometheusOperator.prometheusConfigReloader.image.sha", DigestForm.BareHex, KubePrometheusStackChart + "templates/prometheus-operator/deployment.yaml:96-97"),
        new("kube-prometheus-stack", "registry.k8s.io/ingress-nginx/kube-webhook-certgen", ".prometheusOperator.admissionWebhooks.patch.image.sha", DigestForm.BareHex, KubePrometheusStackChart + "templates/prometheus-operator/admission-webhooks/job-patch/job-createSecret.yaml:39-40, job-patchWebhook.yaml:39-40"),
        new("kube-prometheus-stack", "docker.io/grafana/grafana", ".grafana.image.sha", DigestForm.BareHex, Grafana + "templates/_pod.tpl:972-976"),
        new("kube-prometheus-stack", "quay.io/kiwigrid/k8s-sidecar", ".grafana.sidecar.image.sha", DigestForm.BareHex, Grafana + "templates/_pod.tpl:112-113 (every sidecar container)"),
        new("kube-prometheus-stack", "registry.k8s.io/kube-state-metrics/kube-state-metrics", ".kube-state-metrics.image.sha", DigestForm.Digest, KubeStateMetricsChart + "templates/_helpers.tpl:142-148"),

        // A value containing "/" is used verbatim; istiod's injection templates give proxyv2 to every sidecar and gateway.
        new("istiod", "docker.io/istio/pilot", ".image", DigestForm.Reference, Istiod + "templates/deployment.yaml:93-97"),
        new("istiod", "docker.io/istio/proxyv2", ".global.proxy.image", DigestForm.Reference, Istiod + "files/injection-template.yaml:86-90, files/gateway-injection-template.yaml:28-32"),

        // Templates print "{{image}}:{{tag}}", so "tag@digest" renders a valid reference.
        new("kserve", "docker.io/kserve/kserve-controller", ".kserve.controller.tag", DigestForm.TagAtDigest, KServe + "templates/deployment.yaml; values.yaml:237-241"),
        new("kserve", "quay.io/brancz/kube-rbac-proxy", ".kserve.controller.rbacProxyImage", DigestForm.Reference, KServe + "templates/deployment.yaml:61-62; values.yaml:92"),
        new("kserve", "kserve/storage-initializer", ".kserve.storage.tag", DigestForm.TagAtDigest, KServe + "templates/clusterstoragecontainer.yaml; values.yaml:15-17"),
        new("kserve", "kserve/sklearnserver", ".kserve.servingruntime.sklearnserver.tag", DigestForm.TagAtDigest, KServe + "templates/clusterservingruntimes.yaml; values.yaml:296-298"),

        // eg.image splits global.images.envoyGateway.image on the first "/" and ":", keeping "tag@digest" as the tag.
        new("gateway-helm", "docker.io/envoyproxy/gateway", ".global.images.envoyGateway.image", DigestForm.Reference, EnvoyGatewayChart + "templates/_helpers.tpl:67-93"),
        // eg.ratelimit.image splits the same way; the chart writes it into the EnvoyGateway config's rateLimitDeployment, which
        // the controller deploys as envoy-ratelimit when rateLimit.backend is set (default: api/v1alpha1/shared_types.go DefaultRateLimitImage).
        new("gateway-helm", "docker.io/envoyproxy/ratelimit", ".global.images.ratelimit.image", DigestForm.Reference, EnvoyGatewayChart + "templates/_helpers.tpl:122-134, 155-161; values.tmpl.yaml:20-22"),
        new("ai-gateway-helm", "docker.io/envoyproxy/ai-gateway-controller", ".controller.image.tag", DigestForm.TagAtDigest, AiGatewayChart + "templates/deployment.yaml:37"),
        new("ai-gateway-helm", "docker.io/envoyproxy/ai-gateway-extproc", ".extProc.tag", DigestForm.TagAtDigest, AiGatewayChart + "templates/deployment.yaml:45"),

        // "image_name@image_digest:image_version": image_digest "sha256" and the hex as image_version.
        new("kiali-server", "quay.io/kiali/kiali", ".deployment.image_version", DigestForm.BareHex, "kiali/helm-charts@v2.11.0:kiali-server/templates/deployment.yaml:68"),
    ];
}
