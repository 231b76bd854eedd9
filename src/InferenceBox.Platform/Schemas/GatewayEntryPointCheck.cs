using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Every Gateway's own Envoy is reachable and no two collide: a Gateway's or GatewayClass's EnvoyProxy reference
/// resolves, no two Gateways share an EnvoyProxy that pins a nodePort, no nodePort is pinned twice, and every nodePort
/// an EnvoyProxy pins is mapped to a host port in kind/cluster.yaml.
/// </summary>
/// <remarks>
/// envoyproxy/gateway@v1.4.2: a Gateway's <c>infrastructure.parametersRef</c> must be an EnvoyProxy in the Gateway's
/// namespace (internal/provider/kubernetes/controller.go, processGatewayParamsRef); when it is not found the Gateway
/// silently falls back to its GatewayClass's EnvoyProxy (internal/gatewayapi/contexts.go, attachEnvoyProxy). Without
/// mergeGateways each Gateway gets its own Envoy Deployment and Service built from that EnvoyProxy, so two Gateways
/// on one EnvoyProxy that pins a nodePort ask for the same nodePort twice, and the API server refuses the second
/// Service ("provided port is already allocated").
/// </remarks>
public static class GatewayEntryPointCheck
{
    private const string GatewayApi = "gateway.networking.k8s.io", EnvoyGateway = "gateway.envoyproxy.io";

    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects)
    {
        // A duplicate is reported by the duplicate check; the first definition stands here.
        var proxies = objects.Where(o => Is(o, EnvoyGateway, "EnvoyProxy") && o.Name is not null)
            .GroupBy(o => (o.Namespace, o.Name!)).ToDictionary(g => g.Key, g => g.First());
        var classes = objects.Where(o => Is(o, GatewayApi, "GatewayClass") && o.Name is not null)
            .GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First());
        var users = new Dictionary<(string?, string), List<string>>();
        foreach (var gateway in objects.Where(o => Is(o, GatewayApi, "Gateway")))
        {
            (string?, string)? proxy = null;
            if (gateway.Body["spec"]?["infrastructure"]?["parametersRef"] is JsonObject own)
            {
                proxy = (gateway.Namespace, Text(own["name"]) ?? "");
                if (Text(own["group"]) != EnvoyGateway || Text(own["kind"]) != "EnvoyProxy" || !proxies.ContainsKey(proxy.Value))
                    yield return Error(gateway, ".spec.infrastructure.parametersRef",
                        $"names no EnvoyProxy in namespace {gateway.Namespace} (group {EnvoyGateway}, kind EnvoyProxy, name {proxy.Value.Item2}); " +
                        "Envoy Gateway would silently use the GatewayClass's EnvoyProxy instead. Name an EnvoyProxy of manifests/ in the Gateway's namespace");
            }
            else if (Text(gateway.Body["spec"]?["gatewayClassName"]) is { } className && classes.TryGetValue(className, out var gatewayClass)
                     && gatewayClass.Body["spec"]?["parametersRef"] is JsonObject classRef)
                proxy = (Text(classRef["namespace"]), Text(classRef["name"]) ?? "");
            if (proxy is { } key && proxies.ContainsKey(key))
                (users.TryGetValue(key, out var list) ? list : users[key] = []).Add($"{gateway.Namespace}/{gateway.Name}");
        }
        foreach (var gatewayClass in classes.Values)
            if (gatewayClass.Body["spec"]?["parametersRef"] is JsonObject classRef
                && (Text(classRef["kind"]) != "EnvoyProxy" || !proxies.ContainsKey((Text(classRef["namespace"]), Text(classRef["name"]) ?? ""))))
                yield return Error(gatewayClass, ".spec.parametersRef",
                    $"names no EnvoyProxy of manifests/ ({Text(classRef["namespace"])}/{Text(classRef["name"])}); name one, with its namespace");

        var mapped = KindClusterCheck.MappedContainerPorts(manifestsDir);
        var pinned = new Dictionary<long, string>();
        foreach (var o in objects)
            foreach (var (path, port) in PinnedNodePorts(o))
            {
                var where = $"{o.Kind} {o.Namespace}/{o.Name}";
                if (pinned.TryGetValue(port, out var first))
                    yield return Error(o, path, $"nodePort {port} is already pinned by {first}: the API server allocates a nodePort once");
                else pinned[port] = where;
                if (!Is(o, EnvoyGateway, "EnvoyProxy")) continue;
                if (users.TryGetValue((o.Namespace, o.Name!), out var gateways) && gateways.Count > 1)
                    yield return Error(o, path, $"is the EnvoyProxy of {gateways.Count} Gateways ({string.Join(", ", gateways)}), so each Envoy " +
                        $"Service would ask for nodePort {port}: give every Gateway but one its own EnvoyProxy (spec.infrastructure.parametersRef)");
                if (!mapped.Contains(port))
                    yield return Error(o, path, $"pins nodePort {port}, a Gateway's entry point, but {KindClusterCheck.FileName} maps no host port to " +
                        $"containerPort {port}: add {{containerPort: {port}, hostPort: <free port>, listenAddress: \"127.0.0.1\"}}");
            }
    }

    /// <summary>nodePorts a Service pins (spec.ports[].nodePort) or an EnvoyProxy pins through its Service patch.</summary>
    private static IEnumerable<(string Path, long Port)> PinnedNodePorts(ManifestObject o)
    {
        var (ports, at) = o switch
        {
            { Kind: "Service", ApiVersion: "v1" } => (o.Body["spec"]?["ports"], ".spec.ports"),
            _ when Is(o, EnvoyGateway, "EnvoyProxy") => (o.Body["spec"]?["provider"]?["kubernetes"]?["envoyService"]?["patch"]?["value"]?["spec"]?["ports"],
                ".spec.provider.kubernetes.envoyService.patch.value.spec.ports"),
            _ => (null, ""),
        };
        var list = ports as JsonArray ?? [];
        for (var i = 0; i < list.Count; i++)
            if (list[i]?["nodePort"] is JsonValue v && v.TryGetValue<long>(out var port))
                yield return ($"{at}[{i}].nodePort", port);
    }

    private static bool Is(ManifestObject o, string group, string kind) => o.Kind == kind && (o.GroupVersionKind?.Group ?? "") == group;
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static ValidationError Error(ManifestObject o, string path, string message) => new(o.File, o.Describe(), path, message);
}
