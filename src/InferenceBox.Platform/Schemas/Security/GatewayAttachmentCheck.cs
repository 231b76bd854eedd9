using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Who may put a route on a Gateway, and who may create the objects that bypass Gateway API's own fences (issue 19 item 4).
/// <list type="bullet">
/// <item>No listener admits routes from All namespaces: Gateway API picks the longest matching path prefix whatever
/// namespace a route lives in, so a stranger's /tenant-b/sklearn-iris/v1 would collect tenant-b's bearer tokens. A
/// Selector listener must select labels, and every HTTPRoute of manifests/ on it must live in a namespace (of
/// manifests/) that carries them, else it would silently not attach.</item>
/// <item>Envoy Gateway Backends (an FQDN or IP, no ReferenceGrant needed: envoyproxy/gateway@v1.4.2 api/v1alpha1/
/// backend_types.go) live only in the gateways' own namespace, and no Role or ClusterRole of manifests/ grants a write verb
/// on backends or envoypatchpolicies: only cluster admins create them.</item>
/// </list>
/// </summary>
public static class GatewayAttachmentCheck
{
    private const string GatewayApi = "gateway.networking.k8s.io", EnvoyGateway = "gateway.envoyproxy.io";
    public const string GatewaysNamespace = "envoy-gateway-system";
    private static readonly string[] Guarded = ["backends", "envoypatchpolicies", "*"];
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection", "*"];

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var namespaces = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1", Name: not null })
            .GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First());
        foreach (var gateway in objects.Where(o => Nodes.Is(o, GatewayApi, "Gateway")))
        {
            var listeners = Nodes.Items(gateway.Body["spec"]?["listeners"]).ToList();
            for (var i = 0; i < listeners.Count; i++)
            {
                var at = $".spec.listeners[{i}].allowedRoutes.namespaces";
                var allowed = listeners[i]?["allowedRoutes"]?["namespaces"];
                var from = Nodes.Text(allowed?["from"]) ?? "Same"; // Gateway API's default
                if (from == "All")
                    yield return Nodes.Error(gateway, at + ".from",
                        "admits routes from every namespace: use from: Selector with a label only the namespaces that may attach carry");
                else if (from == "Selector")
                {
                    var labels = allowed?["selector"]?["matchLabels"] as JsonObject;
                    if (labels is null || labels.Count == 0 || allowed?["selector"]?["matchExpressions"] is not null)
                        { yield return Nodes.Error(gateway, at + ".selector", "a Selector listener needs matchLabels (and only those, so this check can follow them)"); continue; }
                    foreach (var route in RoutesOn(objects, gateway, Nodes.Text(listeners[i]?["name"])))
                        if (route.Namespace is { } ns && ns != gateway.Namespace && !Carries(namespaces.GetValueOrDefault(ns), labels))
                            yield return Nodes.Error(route, ".spec.parentRefs",
                                $"attaches to {gateway.Namespace}/{gateway.Name}, but its namespace {ns} " +
                                $"{(namespaces.ContainsKey(ns) ? "does not carry" : "is not defined in manifests/ with")} the labels the listener selects " +
                                $"({string.Join(", ", labels.Select(l => $"{l.Key}: {Nodes.Text(l.Value)}"))}): the route would not attach");
                }
            }
        }
        foreach (var backend in objects.Where(o => Nodes.Is(o, EnvoyGateway, "Backend") && o.Namespace != GatewaysNamespace))
            yield return Nodes.Error(backend, ".metadata.namespace",
                $"a Backend reaches any address without a ReferenceGrant: keep Backends in {GatewaysNamespace}, which only cluster admins write");
        foreach (var role in objects.Where(o => o.Kind is "Role" or "ClusterRole" && TenancyCheck.Group(o) == "rbac.authorization.k8s.io"))
        {
            var rules = Nodes.Items(role.Body["rules"]).ToList();
            for (var i = 0; i < rules.Count; i++)
                if (Nodes.Strings(rules[i]?["apiGroups"]).Any(g => g is EnvoyGateway or "*")
                    && Nodes.Strings(rules[i]?["resources"]).Any(r => Guarded.Contains(r))
                    && Nodes.Strings(rules[i]?["verbs"]).Any(v => WriteVerbs.Contains(v)))
                    yield return Nodes.Error(role, $".rules[{i}]",
                        "grants a write verb on Envoy Gateway Backends or EnvoyPatchPolicies: only cluster admins may create them");
        }
    }

    internal static IEnumerable<ManifestObject> RoutesOn(IReadOnlyList<ManifestObject> objects, ManifestObject gateway, string? listener) =>
        objects.Where(o => Nodes.Is(o, GatewayApi, "HTTPRoute") && Nodes.Items(o.Body["spec"]?["parentRefs"]).Any(p =>
            Nodes.Text(p?["name"]) == gateway.Name && (Nodes.Text(p?["namespace"]) ?? o.Namespace) == gateway.Namespace
            && (Nodes.Text(p?["sectionName"]) is not { } section || section == listener)));

    internal static bool Carries(ManifestObject? ns, JsonObject labels) =>
        ns is not null && labels.All(l => Nodes.Text(ns.Body["metadata"]?["labels"]?[l.Key]) == Nodes.Text(l.Value));
}
