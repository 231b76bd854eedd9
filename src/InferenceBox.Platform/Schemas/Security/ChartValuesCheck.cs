using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Helm values whose chart default is unsafe here (issue 19 items 1, 4, 6 and 8). Each rule names a chart of the lock
/// (charts.&lt;release&gt;.chart in versions.yaml) and judges the value the chart will render: the release's values file
/// when it sets the key, else the chart's default, read at the pinned version and cited below. A release the lock does
/// not pin is not installed, so its rules do not apply.
/// </summary>
public static class ChartValuesCheck
{
    private sealed record Rule(string Chart, string Path, string? ChartDefault, Func<string?, bool> Holds, string Why);

    private static readonly Rule[] Rules =
    [
        // kiali/helm-charts@v2.11.0 kiali-server/values.yaml (auth.strategy "", which _helpers.tpl kiali-server.auth.strategy
        // turns into "token" on Kubernetes; deployment.view_only_mode false) and templates/rolebinding.yaml.
        new("kiali-server", ".auth.strategy", "token", v => v == "token",
            "Kiali must ask for a login (auth.strategy: token): with \"anonymous\" anyone who reaches it acts with Kiali's own service account"),
        new("kiali-server", ".deployment.view_only_mode", "false", v => v == "true",
            "Kiali must be view-only (deployment.view_only_mode: true): otherwise, with anonymous access, the chart binds its write ClusterRole " +
            "(create/delete/patch on the Istio and Gateway API groups) to Kiali's service account"),
        // istio/istio@1.26.2 manifests/charts/gateway/values.yaml: service.type LoadBalancer (which allocates node ports too).
        new("gateway", ".service.type", "LoadBalancer", v => v == "ClusterIP",
            "the Istio ingress gateway must be ClusterIP only (service.type: ClusterIP): a node port also listens on the node's address " +
            "on Docker's kind network and serves every model without Envoy Gateway's checks"),
        // Issue 19 item 8: charts whose pods the restricted Pod Security of their namespace (platform/namespaces) would refuse
        // unless our values complete them. kserve/kserve@v0.15.2 charts/kserve-resources/values.yaml kserve.controller.securityContext
        // (the pod's: runAsNonRoot only); envoyproxy/ai-gateway@v0.2.1 manifests/charts/ai-gateway-helm/values.yaml
        // controller.podSecurityContext {} and securityContext {}.
        new("kserve", ".kserve.controller.securityContext.seccompProfile.type", null, v => v is "RuntimeDefault" or "Localhost",
            "the KServe controller's pod needs a seccompProfile (RuntimeDefault): namespace kserve enforces restricted Pod Security"),
        new("ai-gateway-helm", ".controller.podSecurityContext.seccompProfile.type", null, v => v is "RuntimeDefault" or "Localhost",
            "the AI Gateway controller's pod needs a seccompProfile (RuntimeDefault): envoy-ai-gateway-system enforces restricted Pod Security"),
        new("ai-gateway-helm", ".controller.podSecurityContext.runAsNonRoot", null, v => v == "true",
            "the AI Gateway controller must run as non-root (with runAsUser 65532: its image names its user): restricted Pod Security"),
        new("ai-gateway-helm", ".controller.securityContext.allowPrivilegeEscalation", null, v => v == "false",
            "the AI Gateway controller's container must not escalate (and must drop ALL capabilities): restricted Pod Security"),
        // envoyproxy/gateway@v1.4.2 charts/gateway-helm/values.tmpl.yaml: config.envoyGateway.extensionApis {} (all off).
        new("gateway-helm", ".config.envoyGateway.extensionApis.enableEnvoyPatchPolicy", "false", v => v != "true",
            "EnvoyPatchPolicy must stay off (AI Gateway 0.2.1 needs only the Backend API): whoever may create one can rewrite any listener, " +
            "its JWT and RBAC filters included"),
    ];

    public static IEnumerable<ValidationError> Run(string manifestsDir, VersionLock versionLock)
    {
        foreach (var (release, pin) in versionLock.Charts.Where(p => p.Value.Chart is { Length: > 0 }))
        {
            var rules = Rules.Where(r => r.Chart == pin.Chart).ToList();
            if (rules.Count == 0) continue;
            var (values, unreadable) = Nodes.Values(manifestsDir, release);
            if (unreadable is not null) { yield return unreadable; continue; }
            var file = $"values/{release}.yaml";
            foreach (var rule in rules)
            {
                var set = Nodes.Text(Nodes.At(values, rule.Path));
                var effective = set ?? rule.ChartDefault;
                if (!rule.Holds(effective))
                    yield return new ValidationError(file, $"chart {pin.Chart} (release {release})", rule.Path,
                        $"{(set is null ? rule.ChartDefault is null ? "not set (the chart sets none)" : $"not set, so the chart's default \"{rule.ChartDefault}\" applies" : $"is \"{set}\"")}: {rule.Why}");
            }
            if (pin.Chart == "gateway")
                foreach (var port in Nodes.Items(Nodes.At(values, ".service.ports")).Select((p, i) => (p, i)).Where(x => x.p?["nodePort"] is not null))
                    yield return new ValidationError(file, $"chart {pin.Chart} (release {release})", $".service.ports[{port.i}].nodePort",
                        "the Istio ingress gateway must have no node port: remove nodePort (a ClusterIP Service may not have one)");
        }
    }
}
