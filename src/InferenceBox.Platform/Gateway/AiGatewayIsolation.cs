using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Gateway;

/// <summary>One object that would put an extension on a Gateway serving plain routes, where in it, and why that breaks.</summary>
public sealed record IsolationViolation(ManifestObject Object, string Path, string Message);

/// <summary>
/// Keeps Envoy AI Gateway 0.2.1's extension off every Gateway that serves plain HTTPRoutes (the model and issuer
/// routes). Why, at envoyproxy/ai-gateway@v0.2.1: for each Gateway an AIGatewayRoute's targetRefs name in the
/// route's own namespace (internal/controller/controller.go, aiGatewayRouteToAttachedGatewayIndexFunc), the
/// controller's ensureExtensionPolicy (internal/controller/gateway.go) creates EnvoyExtensionPolicy
/// <c>ai-eg-eep-&lt;gateway&gt;</c> whose target is the whole Gateway, with no failOpen. Its ext_proc answers gRPC
/// NotFound for any path but /v1/chat/completions and /v1/models (internal/extproc/server.go, processorForPath), and
/// Envoy Gateway leaves failure_mode_allow false unless failOpen is set (envoyproxy/gateway@v1.4.2
/// api/v1alpha1/ext_proc_types.go "Default: false"; internal/xds/translator/extproc.go), so every other call on that
/// Gateway fails with a 500 (envoyproxy/ai-gateway#940, fixed only in v0.3.0).
/// One rule: the manifest validator applies it to manifests/, the platform scenario to the live cluster.
/// </summary>
public static class AiGatewayIsolation
{
    private const string GatewayApi = "gateway.networking.k8s.io", EnvoyGateway = "gateway.envoyproxy.io", AiGateway = "aigateway.envoyproxy.io";

    public static IReadOnlyList<IsolationViolation> Check(IReadOnlyList<ManifestObject> objects)
    {
        var served = ServedGateways(objects);
        var labels = objects.Where(o => Is(o, GatewayApi, "Gateway") && o.Name is not null)
            .ToDictionary(o => new ObjectKey(GatewayApi, "Gateway", o.Namespace, o.Name!), o => o.Body["metadata"]?["labels"] as JsonObject);
        var violations = new List<IsolationViolation>();
        foreach (var o in objects)
        {
            if (Is(o, AiGateway, "AIGatewayRoute"))
            {
                foreach (var (path, gateway) in TargetedGateways(o, "targetRefs"))
                    if (served.TryGetValue(gateway, out var routes))
                        violations.Add(new(o, path, $"targets {Describe(gateway, routes)}. {Consequence}"));
                if (objects.Any(r => Is(r, GatewayApi, "HTTPRoute") && !GeneratedByAiGateway(r) && r.Namespace == o.Namespace && r.Name == o.Name))
                    violations.Add(new(o, ".metadata.name", $"has the name of HTTPRoute {o.Namespace}/{o.Name}: the AI Gateway controller would " +
                        "overwrite that route with the one it generates (internal/controller/ai_gateway_route.go) and its extension server would " +
                        "put the AI ext_proc on that route's clusters (internal/extensionserver/extensionserver.go, maybeModifyCluster). Rename one of them"));
            }
            if (!Is(o, EnvoyGateway, "EnvoyExtensionPolicy")) continue;
            foreach (var (path, gateway) in TargetedGateways(o, "targetRef").Concat(TargetedGateways(o, "targetRefs")))
                if (served.TryGetValue(gateway, out var routes))
                    violations.Add(new(o, path, $"attaches an extension to {Describe(gateway, routes)}. {Consequence}"));
            var selectors = o.Body["spec"]?["targetSelectors"] as JsonArray ?? [];
            for (var i = 0; i < selectors.Count; i++)
                if (selectors[i] is JsonObject selector && Text(selector["kind"]) == "Gateway" && (Text(selector["group"]) ?? GatewayApi) == GatewayApi)
                    foreach (var (gateway, routes) in served.Where(s => s.Key.Namespace == o.Namespace && Selects(selector, labels.GetValueOrDefault(s.Key))))
                        violations.Add(new(o, $".spec.targetSelectors[{i}]", $"selects {Describe(gateway, routes)}. {Consequence}"));
        }
        return violations;
    }

    private const string Consequence =
        "Envoy AI Gateway 0.2.1 puts its ext_proc on every route of a Gateway it is attached to, and that ext_proc fails " +
        "every path but /v1/chat/completions and /v1/models, so those routes would answer 500 (envoyproxy/ai-gateway#940). " +
        "Attach AI traffic to the AI gateway's own Gateway (manifests/gateway/ai-gateway.yaml), never to one that serves model or issuer routes.";

    /// <summary>Gateways that plain HTTPRoutes attach to, with those routes. Routes the AI Gateway controller generates are not plain.</summary>
    private static Dictionary<ObjectKey, List<string>> ServedGateways(IReadOnlyList<ManifestObject> objects)
    {
        var served = new Dictionary<ObjectKey, List<string>>();
        foreach (var route in objects.Where(o => Is(o, GatewayApi, "HTTPRoute") && !GeneratedByAiGateway(o)))
            foreach (var parent in (route.Body["spec"]?["parentRefs"] as JsonArray ?? []).OfType<JsonObject>())
                if ((Text(parent["group"]) ?? GatewayApi) == GatewayApi && (Text(parent["kind"]) ?? "Gateway") == "Gateway" && Text(parent["name"]) is { } name)
                {
                    var key = new ObjectKey(GatewayApi, "Gateway", Text(parent["namespace"]) ?? route.Namespace, name);
                    if (!served.TryGetValue(key, out var routes)) served[key] = routes = [];
                    routes.Add($"{route.Namespace}/{route.Name}");
                }
        return served;
    }

    /// <summary>The HTTPRoute the AI Gateway controller makes for an AIGatewayRoute is controlled by it (internal/controller/ai_gateway_route.go, SetControllerReference).</summary>
    private static bool GeneratedByAiGateway(ManifestObject route) =>
        (route.Body["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(r => Text(r["kind"]) == "AIGatewayRoute");

    /// <summary>Policy targets are local references: the Gateway is in the object's own namespace (gwapiv1a2.LocalPolicyTargetReference).</summary>
    private static IEnumerable<(string Path, ObjectKey Gateway)> TargetedGateways(ManifestObject o, string field)
    {
        var node = o.Body["spec"]?[field];
        var refs = node is JsonArray many ? many.Select((r, i) => ($".spec.{field}[{i}]", r)) : node is JsonObject one ? [($".spec.{field}", (JsonNode?)one)] : [];
        foreach (var (path, reference) in refs)
            if (Text(reference?["kind"]) == "Gateway" && (Text(reference?["group"]) ?? GatewayApi) == GatewayApi && Text(reference?["name"]) is { } name)
                yield return (path, new ObjectKey(GatewayApi, "Gateway", o.Namespace, name));
    }

    /// <summary>
    /// A label selector (envoyproxy/gateway@v1.4.2 api/v1alpha1/policy_helpers.go TargetSelector: matchLabels and
    /// matchExpressions, ANDed) against a Gateway's labels; operators as in Kubernetes' LabelSelectorRequirement.
    /// </summary>
    private static bool Selects(JsonObject selector, JsonObject? labels)
    {
        string? Label(string key) => Text(labels?[key]);
        var matchLabels = (selector["matchLabels"] as JsonObject ?? []).All(p => Label(p.Key) == Text(p.Value));
        return matchLabels && (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().All(e =>
        {
            var key = Text(e["key"]) ?? "";
            var values = (e["values"] as JsonArray ?? []).Select(Text).ToList();
            return Text(e["operator"]) switch
            {
                "In" => values.Contains(Label(key)),
                "NotIn" => !values.Contains(Label(key)),
                "Exists" => Label(key) is not null,
                "DoesNotExist" => Label(key) is null,
                _ => true, // an operator the API server would refuse: assume the worst
            };
        });
    }

    private static string Describe(ObjectKey gateway, List<string> routes) =>
        $"Gateway {gateway.Namespace}/{gateway.Name}, which also serves HTTPRoute{(routes.Count == 1 ? "" : "s")} " +
        string.Join(", ", routes.Order(StringComparer.Ordinal).Take(4)) + (routes.Count > 4 ? $" and {routes.Count - 4} more" : "");

    private static bool Is(ManifestObject o, string group, string kind) => o.Kind == kind && (o.GroupVersionKind?.Group ?? "") == group;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
