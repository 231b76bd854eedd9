using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Phases;
using static InferenceBox.Platform.Rehearsal.StandInObjects;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>One helm release as the stand-in installs it: chart, release name, namespace, version and values.</summary>
public sealed record HelmRelease(string Chart, string Release, string Namespace, string Version, JsonObject Values);

/// <summary>
/// What each pinned chart installs that the provisioner depends on: its CRDs (the files of the pinned schemas that
/// the chart ships) and the Deployments, Services and ConfigMaps its templates render under the names the
/// provisioner waits for. Each entry names the template it follows. Everything else a chart renders (RBAC, webhook
/// configurations, ...) is left out: no controller runs here to use it.
/// </summary>
public static partial class ChartContents
{
    /// <summary>CRD folders or files under the pinned schemas, per chart.</summary>
    public static IReadOnlyList<string> Crds(HelmRelease r) => r.Chart switch
    {
        // istio/istio@1.26.2 manifests/charts/base/templates/crds.yaml renders files/crd-all.gen.yaml.
        "base" => ["crds/istio-1.26.2/crd-all.gen.yaml"],
        // cert-manager/cert-manager@v1.18.2 deploy/charts/cert-manager/templates/crd-*.yaml, only when crds.enabled.
        "cert-manager" => (bool?)r.Values["crds"]?["enabled"] == true ? ["crds/cert-manager-v1.18.2"] : [],
        // kserve/kserve@v0.15.2 charts/kserve-crd/templates/.
        "kserve-crd" => ["crds/kserve-v0.15.2"],
        // envoyproxy/gateway@v1.4.2 charts/gateway-helm/crds/: gatewayapi-crds.yaml (experimental v1.3.0) and generated/.
        "gateway-helm" => ["crds/gateway-api-v1.3.0/experimental", "crds/envoy-gateway-v1.4.2"],
        // envoyproxy/ai-gateway@v0.2.1 manifests/charts/ai-gateway-crds-helm/templates/.
        "ai-gateway-crds-helm" => ["crds/envoy-ai-gateway-v0.2.1"],
        // prometheus-community/helm-charts@kube-prometheus-stack-75.6.0 charts/kube-prometheus-stack/charts/crds/crds/.
        "kube-prometheus-stack" => ["crds/prometheus-operator-v0.83.0"],
        _ => [],
    };

    /// <summary>
    /// Charts whose CRDs are in a crds/ folder (helm creates those only when absent, never updates them), not in templates:
    /// envoyproxy/gateway@v1.4.2 charts/gateway-helm/crds/; prometheus-community/helm-charts@kube-prometheus-stack-75.6.0
    /// charts/kube-prometheus-stack/charts/crds/crds/ (a subchart's crds/ folder counts too).
    /// </summary>
    public static bool CrdsInCrdsFolder(string chart) => chart is "gateway-helm" or "kube-prometheus-stack";

    /// <summary>
    /// The ClusterServingRuntime our models name (kserve/kserve@v0.15.2 charts/kserve-resources/templates/clusterservingruntimes.yaml,
    /// image and securityContext from values.yaml kserve.servingruntime.sklearnserver): the predictor container KServe
    /// merges the model's resources over.
    /// </summary>
    public static JsonObject SklearnRuntime(string version) => new()
    {
        ["apiVersion"] = "serving.kserve.io/v1alpha1", ["kind"] = "ClusterServingRuntime",
        ["metadata"] = new JsonObject { ["name"] = "kserve-sklearnserver" },
        ["spec"] = new JsonObject
        {
            ["annotations"] = new JsonObject { ["prometheus.kserve.io/port"] = "8080", ["prometheus.kserve.io/path"] = "/metrics" },
            ["supportedModelFormats"] = new JsonArray(new JsonObject { ["name"] = "sklearn", ["version"] = "1", ["autoSelect"] = true, ["priority"] = 1 }),
            ["protocolVersions"] = new JsonArray("v1", "v2"),
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "kserve-container", ["image"] = $"kserve/sklearnserver:{version}",
                ["args"] = new JsonArray("--model_name={{.Name}}", "--model_dir=/mnt/models", "--http_port=8080"),
                ["securityContext"] = Schemas.Security.KServeRuntimes.SecurityContext(),
                ["resources"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["cpu"] = "1", ["memory"] = "2Gi" },
                    ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "2Gi" },
                },
            }),
        },
    };

    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    public static IEnumerable<JsonObject> Objects(HelmRelease r)
    {
        var (ns, v) = (r.Namespace, r.Version.TrimStart('v'));
        switch (r.Chart)
        {
            case "istiod": // istio/istio@1.26.2 manifests/charts/istio-control/istio-discovery/templates/{deployment,service}.yaml
                yield return Deployment(ns, "istiod", v);
                yield return Service(ns, "istiod", "istiod", 15012);
                yield return InjectorConfigMap(ns, r.Values);
                break;
            case "cni": // istio/istio@1.26.2 manifests/charts/istio-cni/templates/daemonset.yaml
                yield return CniDaemonSet(ns, v);
                break;
            case "gateway": // istio/istio@1.26.2 manifests/charts/gateway/templates/deployment.yaml: named after the release
                yield return Deployment(ns, r.Release, v, new Dictionary<string, string> { ["istio"] = r.Release.Replace("istio-", "") });
                yield return Service(ns, r.Release, r.Release, 80);
                break;
            case "cert-manager": // deploy/charts/cert-manager/templates/{deployment,cainjector-deployment,webhook-deployment,webhook-service}.yaml
                // values.yaml securityContext / containerSecurityContext, the same for each component: restricted.
                foreach (var name in new[] { "cert-manager", "cert-manager-cainjector", "cert-manager-webhook" })
                    yield return Deployment(ns, name, v, null, J("""{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}"""),
                        J("""{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"readOnlyRootFilesystem":true}"""));
                yield return Service(ns, "cert-manager-webhook", "cert-manager-webhook", 443);
                break;
            case "kserve": // kserve/kserve@v0.15.2 charts/kserve-resources/templates/{deployment,service}.yaml
                // values.yaml kserve.controller.securityContext (the pod's; ours adds the seccompProfile) and containerSecurityContext.
                yield return Deployment(ns, "kserve-controller-manager", v, null,
                    r.Values["kserve"]?["controller"]?["securityContext"] as JsonObject ?? J("""{"runAsNonRoot":true}"""),
                    J("""{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"privileged":false,"readOnlyRootFilesystem":true,"runAsNonRoot":true}"""));
                yield return Service(ns, "kserve-webhook-server-service", "kserve-controller-manager", 443);
                yield return SklearnRuntime(r.Version);
                break;
            case "gateway-helm": // envoyproxy/gateway@v1.4.2 charts/gateway-helm/templates/{envoy-gateway-deployment,envoy-gateway-config}.yaml
                // values.tmpl.yaml deployment.envoyGateway.securityContext: restricted, uid 65532.
                yield return Deployment(ns, "envoy-gateway", v, null, null, J("""
                    {"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"privileged":false,"runAsNonRoot":true,
                     "runAsGroup":65532,"runAsUser":65532,"seccompProfile":{"type":"RuntimeDefault"}}
                    """));
                // Not the chart's: the controller creates Deployment envoy-ratelimit when its config names a rate-limit backend
                // (internal/infrastructure/kubernetes/ratelimit/resource.go InfraName; resource_provider.go), its container's
                // securityContext the rateLimitDeployment's or else restricted, uid 65534 (resource.go defaultSecurityContext over
                // internal/infrastructure/kubernetes/resource/resource.go DefaultSecurityContext).
                if (r.Values["config"]?["envoyGateway"]?["rateLimit"] is not null)
                    yield return Deployment(ns, "envoy-ratelimit", v, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "envoy-ratelimit" },
                        null, r.Values["config"]?["envoyGateway"]?["provider"]?["kubernetes"]?["rateLimitDeployment"]?["container"]?["securityContext"]?.DeepClone() as JsonObject
                              ?? J("""
                                  {"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"privileged":false,"readOnlyRootFilesystem":true,
                                   "runAsNonRoot":true,"runAsGroup":65534,"runAsUser":65534,"seccompProfile":{"type":"RuntimeDefault"}}
                                  """));
                yield return ConfigMap(ns, "envoy-gateway-config", new Dictionary<string, string>
                {
                    // The chart renders config.envoyGateway under this header; JSON is YAML, the content is the values'.
                    ["envoy-gateway.yaml"] = "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyGateway\n" +
                                             (r.Values["config"]?["envoyGateway"]?.ToJsonString() ?? "{}"),
                });
                break;
            case "ai-gateway-helm": // envoyproxy/ai-gateway@v0.2.1 manifests/charts/ai-gateway-helm/templates/deployment.yaml, fullnameOverride in values.yaml
                // values.yaml controller.podSecurityContext and securityContext: {} unless ours set them.
                yield return Deployment(ns, "ai-gateway-controller", v, null, r.Values["controller"]?["podSecurityContext"] as JsonObject,
                    r.Values["controller"]?["securityContext"] as JsonObject);
                yield return Service(ns, "ai-gateway-controller", "ai-gateway-controller", 1063);
                break;
            case "kube-prometheus-stack": // charts/kube-prometheus-stack/templates/prometheus-operator/deployment.yaml (fullname, _helpers.tpl),
                // and its grafana and kube-state-metrics subcharts' deployment.yaml (<release>-grafana, <release>-kube-state-metrics)
                // values.yaml prometheusOperator.securityContext/containerSecurityContext; grafana-9.2.7 values.yaml securityContext and
                // containerSecurityContext; kube-state-metrics-6.0.0 values.yaml securityContext and containerSecurityContext.
                var container = J("""{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}""");
                var nobody = J("""{"fsGroup":65534,"runAsGroup":65534,"runAsNonRoot":true,"runAsUser":65534,"seccompProfile":{"type":"RuntimeDefault"}}""");
                yield return Deployment(ns, PlatformPhases.KubePrometheusStackFullname(r.Release) + "-operator", v, null, nobody, container);
                yield return Deployment(ns, r.Release + "-grafana", v, null, J("""{"runAsNonRoot":true,"runAsUser":472,"runAsGroup":472,"fsGroup":472}"""),
                    J("""{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}}"""));
                yield return Deployment(ns, r.Release + "-kube-state-metrics", v, null, nobody, container);
                break;
            case "kiali-server": // kiali/helm-charts@v2.11.0 kiali-server/templates/deployment.yaml (deployment.instance_name: kiali)
                yield return Deployment(ns, "kiali", v);
                yield return Service(ns, "kiali", "kiali", 20001);
                break;
        }
    }
}
