using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Every route to a model is rate-limited (issue 19 item 9): each tenant's HTTPRoutes and the HTTPRoute the AI Gateway
/// generates from each AIGatewayRoute (same name and namespace: envoyproxy/ai-gateway@v0.2.1
/// internal/controller/ai_gateway_route.go) are the target of a BackendTrafficPolicy with a rateLimit, directly or
/// through the Gateway they attach to (envoyproxy/gateway@v1.4.2 api/v1alpha1/backendtrafficpolicy_types.go targetRefs).
/// The issuer's public route is rate-limited by its own policy (issue 16).
/// </summary>
public static class RateLimitCheck
{
    private const string GatewayApi = "gateway.networking.k8s.io";

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var limited = objects.Where(o => Nodes.Is(o, "gateway.envoyproxy.io", "BackendTrafficPolicy") && o.Body["spec"]?["rateLimit"] is not null)
            .SelectMany(p => Nodes.Items(p.Body["spec"]?["targetRefs"]).Append(p.Body["spec"]?["targetRef"]).Where(r => r is not null)
                .Select(r => (Kind: Nodes.Text(r?["kind"]), Namespace: p.Namespace, Name: Nodes.Text(r?["name"]))))
            .ToHashSet();
        var routes = objects.Where(o => Nodes.Is(o, GatewayApi, "HTTPRoute") && PlatformTenants.All.Contains(o.Namespace ?? ""))
            .Concat(objects.Where(o => Nodes.Is(o, "aigateway.envoyproxy.io", "AIGatewayRoute")));
        foreach (var route in routes)
        {
            var gateways = route.Kind == "HTTPRoute"
                ? Nodes.Items(route.Body["spec"]?["parentRefs"]).Select(p => (Kind: (string?)"Gateway", Namespace: Nodes.Text(p?["namespace"]) ?? route.Namespace, Name: Nodes.Text(p?["name"])))
                : Nodes.Items(route.Body["spec"]?["targetRefs"]).Select(t => (Kind: Nodes.Text(t?["kind"]), Namespace: route.Namespace, Name: Nodes.Text(t?["name"])));
            if (!limited.Contains(("HTTPRoute", route.Namespace, route.Name)) && !gateways.Any(limited.Contains))
                yield return Nodes.Error(route, null,
                    $"no BackendTrafficPolicy with a rateLimit targets {(route.Kind == "HTTPRoute" ? "this route" : $"the HTTPRoute {route.Name} generated from it")} " +
                    "or its Gateway: one caller could take every model pod's capacity");
        }
    }
}
