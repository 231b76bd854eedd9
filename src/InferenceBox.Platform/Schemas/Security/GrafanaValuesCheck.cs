using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Observability;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Grafana as kube-prometheus-stack installs it (issue 19 item 2): its admin password comes from the Secret the
/// provisioner generates (<see cref="GrafanaCredentials"/>), never the chart's; its RBAC and its sidecars' search stay in
/// its own namespace. Read at the pinned versions: prometheus-community/helm-charts@kube-prometheus-stack-75.6.0
/// charts/kube-prometheus-stack/Chart.yaml (grafana 9.2.7) and values.yaml (grafana.adminPassword "prom-operator",
/// grafana.sidecar.dashboards.searchNamespace ALL); grafana/helm-charts@grafana-9.2.7 charts/grafana/values.yaml
/// (admin.existingSecret "", rbac.namespaced false, sidecar.datasources.searchNamespace null), templates/secret.yaml (a
/// Secret holding adminPassword unless admin.existingSecret is set), templates/_pod.tpl (GF_SECURITY_ADMIN_PASSWORD and
/// the sidecars' REQ_PASSWORD from that Secret; NAMESPACE from searchNamespace), templates/clusterrole.yaml and
/// clusterrolebinding.yaml (unless rbac.namespaced: get/watch/list on configmaps AND secrets in every namespace: the
/// issuer's signing key included), templates/role.yaml (with rbac.namespaced, the same rule in Grafana's namespace only).
/// </summary>
public static class GrafanaValuesCheck
{
    private const string Chart = "kube-prometheus-stack";

    public static IEnumerable<ValidationError> Run(string manifestsDir, VersionLock versionLock)
    {
        foreach (var (release, pin) in versionLock.Charts.Where(p => p.Value.Chart == Chart))
        {
            var (values, unreadable) = Nodes.Values(manifestsDir, release);
            if (unreadable is not null) { yield return unreadable; continue; }
            var file = $"values/{release}.yaml";
            var where = $"chart {Chart} (release {release})";
            var grafana = Nodes.At(values, ".grafana");
            if (Nodes.Text(Nodes.At(grafana, ".enabled")) == "false") continue;
            if (pin.Namespace != GrafanaCredentials.Namespace)
                yield return new(VersionLock.FileName, where, $".charts.{release}.namespace",
                    $"is {pin.Namespace}, but the provisioner writes and the suite reads Grafana's login in {GrafanaCredentials.Namespace}: install the chart there");

            var existing = Nodes.Text(Nodes.At(grafana, ".admin.existingSecret"));
            if (existing != GrafanaCredentials.SecretName)
                yield return new(file, where, ".grafana.admin.existingSecret",
                    $"{(existing is null ? "not set, so the chart keeps its default admin password \"prom-operator\" in Secret <release>-grafana" : $"is \"{existing}\"")}: " +
                    $"set it to \"{GrafanaCredentials.SecretName}\", the Secret the provisioner generates in {pin.Namespace} (keys " +
                    $"{GrafanaCredentials.UserKey}, {GrafanaCredentials.PasswordKey}) and the suite reads the login from");
            if (Nodes.At(grafana, ".adminPassword") is not null)
                yield return new(file, where, ".grafana.adminPassword",
                    "a Grafana password in the repository: remove it; the password is generated at bootstrap into the admin.existingSecret Secret");
            if (Nodes.Text(Nodes.At(grafana, ".rbac.namespaced")) != "true")
                yield return new(file, where, ".grafana.rbac.namespaced",
                    "not true, so the chart's ClusterRole lets Grafana's service account read every Secret in the cluster (the issuer's signing key " +
                    "included): set rbac.namespaced: true (a Role in Grafana's own namespace)");
            if (Nodes.Items(Nodes.At(grafana, ".rbac.extraClusterRoleRules")).Any())
                yield return new(file, where, ".grafana.rbac.extraClusterRoleRules",
                    "extra ClusterRole rules bring the cluster-wide ClusterRole back: give Grafana what it needs with rbac.extraRoleRules instead");
            foreach (var (sidecar, chartDefault) in new[] { ("dashboards", "ALL"), ("datasources", null as string) })
            {
                var path = $".grafana.sidecar.{sidecar}.searchNamespace";
                var set = Nodes.At(values, path);
                var searched = set is null ? chartDefault is null ? [] : [chartDefault] : set is JsonArray ? Nodes.Strings(set) : [Nodes.Text(set) ?? ""];
                if (searched.Any(n => n != pin.Namespace))
                    yield return new(file, where, path,
                        $"{(set is null ? $"not set, so the chart's \"{chartDefault}\" applies" : $"is {set.ToJsonString()}")}: Grafana's {sidecar} sidecar " +
                        $"must search only its own namespace; set it to [{pin.Namespace}] (the chart's NAMESPACE variable of the sidecar)");
            }
        }
    }
}
