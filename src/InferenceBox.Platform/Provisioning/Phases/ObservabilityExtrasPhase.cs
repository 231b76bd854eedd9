using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// Istio telemetry and monitors (manifests/platform/istio, .../observability) and the Grafana dashboards, one
/// ConfigMap per manifests/dashboards/*.json labelled for the Grafana sidecar of kube-prometheus-stack.
/// </summary>
public sealed class ObservabilityExtrasPhase(ProvisionContext context, string dashboardNamespace, string[] folders, params string[] dependsOn)
    : ManifestPhase(context, "observability-extras", folders, 10, [], dependsOn)
{
    public const string DashboardLabel = "grafana_dashboard";

    protected override IReadOnlyList<ManifestObject> Objects() => [.. base.Objects(), .. Dashboards()];

    private IEnumerable<ManifestObject> Dashboards()
    {
        var dir = Context.Manifests("dashboards");
        if (!Directory.Exists(dir)) yield break;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = "inferencebox-" + Path.GetFileNameWithoutExtension(file).ToLowerInvariant().Replace('_', '-');
            var body = new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name, ["namespace"] = dashboardNamespace,
                    ["labels"] = new JsonObject { [DashboardLabel] = "1" },
                },
                ["data"] = new JsonObject { [Path.GetFileName(file)] = File.ReadAllText(file) },
            };
            yield return ManifestObject.Built(body, $"manifests/dashboards/{Path.GetFileName(file)}");
        }
    }
}
