using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Schemas;
using k8s;

namespace InferenceBox.Specs.Support.Platform;

/// <summary>
/// Reads, on the live cluster, whether the AI gateway is up on a Gateway of its own: every Gateway an AIGatewayRoute
/// targets is Programmed, and no AIGatewayRoute or EnvoyExtensionPolicy (including the ones the AI Gateway controller
/// generates) reaches a Gateway that serves the model or issuer routes — the same rule the manifest validator applies.
/// </summary>
public sealed class AiGatewayStatus(IKubernetes kubernetes)
{
    private static readonly (string Group, string Version, string Plural)[] Kinds =
    [
        ("gateway.networking.k8s.io", "v1", "gateways"),
        ("gateway.networking.k8s.io", "v1", "httproutes"),
        ("aigateway.envoyproxy.io", "v1alpha1", "aigatewayroutes"),
        ("gateway.envoyproxy.io", "v1alpha1", "envoyextensionpolicies"),
    ];

    /// <summary>One line per problem; empty when the AI gateway is up and isolated.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct = default)
    {
        var objects = new List<ManifestObject>();
        foreach (var (group, version, plural) in Kinds)
        {
            var list = KubernetesObjectSource.ToNode(await kubernetes.CustomObjects.ListClusterCustomObjectAsync(group, version, plural, cancellationToken: ct));
            var items = (list?["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()).ToList();
            // The rule reads apiVersion and kind; fill them from the list should an item lack them.
            var kind = list?["kind"]?.ToString() is { } listKind && listKind.EndsWith("List", StringComparison.Ordinal) ? listKind[..^4] : null;
            foreach (var item in items)
            {
                item["apiVersion"] ??= $"{group}/{version}";
                if (kind is not null) item["kind"] ??= kind;
            }
            objects.AddRange(items.Select((item, i) => new ManifestObject($"cluster:{plural}", i, 0, item)));
        }

        var problems = new List<string>();
        var aiRoutes = objects.Where(o => o.Kind == "AIGatewayRoute").ToList();
        if (aiRoutes.Count == 0) problems.Add("no AIGatewayRoute exists (manifests/gateway/ai-gateway.yaml applies one in the gateway phase)");
        foreach (var route in aiRoutes)
            foreach (var target in (route.Body["spec"]?["targetRefs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = target["name"]?.ToString();
                var gateway = objects.FirstOrDefault(o => o.Kind == "Gateway" && o.Namespace == route.Namespace && o.Name == name);
                var programmed = ObjectState.ConditionTrue(gateway?.Body, "Programmed");
                if (!programmed.Done)
                    problems.Add($"Gateway {route.Namespace}/{name}, targeted by AIGatewayRoute {route.Namespace}/{route.Name}, is not Programmed: {programmed.State}");
            }
        problems.AddRange(AiGatewayIsolation.Check(objects).Select(v =>
            $"{v.Object.Kind} {v.Object.Namespace}/{v.Object.Name} at {v.Path}: {v.Message}"));
        return problems;
    }
}
