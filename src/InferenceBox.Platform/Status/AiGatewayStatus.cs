using System.Text.Json.Nodes;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Gateway;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Status;

/// <summary>
/// Reads, on the live cluster, whether the AI gateway is up on a Gateway of its own: every Gateway an AIGatewayRoute
/// targets is Programmed, and no AIGatewayRoute or EnvoyExtensionPolicy (including the ones the AI Gateway controller
/// generates) reaches a Gateway that serves the model or issuer routes — the same rule the manifest validator applies.
/// </summary>
public sealed class AiGatewayStatus(ClusterApi api)
{
    private static readonly (string ApiVersion, string Kind)[] Kinds =
    [
        ("gateway.networking.k8s.io/v1", "Gateway"),
        ("gateway.networking.k8s.io/v1", "HTTPRoute"),
        ("aigateway.envoyproxy.io/v1alpha1", "AIGatewayRoute"),
        ("gateway.envoyproxy.io/v1alpha1", "EnvoyExtensionPolicy"),
    ];

    /// <summary>One line per problem; empty when the AI gateway is up and isolated.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct = default)
    {
        var objects = new List<ManifestObject>();
        foreach (var (apiVersion, kind) in Kinds)
        {
            var (items, _) = await api.ListAsync(await api.ResolveAsync(apiVersion, kind, ct), null, null, null, ct);
            objects.AddRange(items.Select((item, i) => new ManifestObject($"cluster:{kind}", i, 0, item)));
        }

        var problems = new List<string>();
        var aiRoutes = objects.Where(o => o.Kind == "AIGatewayRoute").ToList();
        if (aiRoutes.Count == 0) problems.Add("no AIGatewayRoute exists (manifests/gateway/ai-gateway.yaml applies one in the gateway phase)");
        foreach (var route in aiRoutes)
            foreach (var target in (route.Body["spec"]?["targetRefs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = target["name"]?.ToString();
                var gateway = objects.FirstOrDefault(o => o.Kind == "Gateway" && o.Namespace == route.Namespace && o.Name == name);
                var programmed = gateway is null ? new WaitVerdict(false, "not found") : ReadinessRules.Of(gateway.Body);
                if (!programmed.Done)
                    problems.Add($"Gateway {route.Namespace}/{name}, targeted by AIGatewayRoute {route.Namespace}/{route.Name}, is not Programmed: {programmed.State}");
            }
        problems.AddRange(AiGatewayIsolation.Check(objects).Select(v =>
            $"{v.Object.Kind} {v.Object.Namespace}/{v.Object.Name} at {v.Path}: {v.Message}"));
        return problems;
    }
}
