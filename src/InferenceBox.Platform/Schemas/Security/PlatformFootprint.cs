using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>One term of the platform's own requests: what, how much, and where the number comes from.</summary>
public sealed record FootprintTerm(string Component, ResourceAmount Requests, string Source);

/// <summary>
/// The platform's own CPU and memory requests on the node (issue 19 item 9), summed from: kind's and kubeadm's system
/// pods; each chart the lock pins, its default requests read at the pinned version unless our values file sets them
/// (<see cref="ChartRequests"/>); the plain-YAML releases the lock pins (Knative Serving, net-istio); every Envoy a Gateway
/// of manifests/ gets, with the AI Gateway's ext_proc beside it where an AIGatewayRoute targets it; every Deployment of manifests/ outside the tenants; and a sidecar (values/istiod.yaml
/// global.proxy) wherever injection is on. Tenants' own pods count against their quotas instead.
/// </summary>
public static class PlatformFootprint
{
    public static IReadOnlyList<FootprintTerm> Of(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        var terms = new List<FootprintTerm>(ChartRequests.KindSystemPods);
        var sidecar = Sidecar(manifestsDir, versionLock);
        var injected = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1" }
                                          && Nodes.Text(o.Body["metadata"]?["labels"]?["istio-injection"]) == "enabled")
            .Select(o => o.Name).ToHashSet();
        foreach (var (release, pin) in versionLock.Charts)
        {
            var (values, _) = Nodes.Values(manifestsDir, release);
            foreach (var c in ChartRequests.ForChart(pin.Chart).Where(c => c.EnabledBy is null || Nodes.At(values, c.EnabledBy) is not null))
            {
                var set = Nodes.At(values, c.ValuesPath);
                var requests = set is JsonObject ? ResourceAmount.Requests(set) : c.Default;
                terms.Add(new(c.Component, requests, set is JsonObject ? $"values/{release}.yaml {c.ValuesPath}" : c.DefaultSource));
            }
        }
        foreach (var release in versionLock.Releases.Keys)
            foreach (var c in ChartRequests.ForRelease(release))
            {
                terms.Add(new(c.Component, c.Requests, c.Source));
                if (c.Sidecar && injected.Contains(c.Namespace)) terms.Add(new($"{c.Component}'s sidecar", sidecar.Requests, sidecar.Source));
            }
        terms.AddRange(EnvoyProxies(objects));
        foreach (var workload in objects.Where(o => o.Kind is "Deployment" or "StatefulSet" && TenancyCheck.Group(o) == "apps"
                                                    && !PlatformTenants.All.Contains(o.Namespace ?? "")))
        {
            var pod = workload.Body["spec"]?["template"];
            var replicas = Replicas(workload.Body["spec"]?["replicas"]);
            var requests = Nodes.Items(pod?["spec"]?["containers"]).Aggregate(ResourceAmount.Zero, (sum, c) => sum + ResourceAmount.Requests(c?["resources"]));
            terms.Add(new($"{workload.Kind} {workload.Namespace}/{workload.Name}", replicas * requests, workload.File));
            if (injected.Contains(workload.Namespace) && Nodes.Text(pod?["metadata"]?["labels"]?["sidecar.istio.io/inject"]) != "false"
                && Nodes.Text(pod?["metadata"]?["annotations"]?["sidecar.istio.io/inject"]) != "false")
                terms.Add(new($"{workload.Name}'s sidecar", replicas * sidecar.Requests, sidecar.Source));
        }
        return terms;
    }

    private static int Replicas(JsonNode? node) => int.TryParse(Nodes.Text(node), out var n) ? n : 1;

    public static ResourceAmount Total(IEnumerable<FootprintTerm> terms) => terms.Aggregate(ResourceAmount.Zero, (sum, t) => sum + t.Requests);

    private static FootprintTerm Sidecar(string manifestsDir, VersionLock versionLock)
    {
        var istiod = versionLock.Charts.FirstOrDefault(p => p.Value.Chart == "istiod").Key;
        var set = istiod is null ? null : Nodes.At(Nodes.Values(manifestsDir, istiod).Values, ".global.proxy.resources");
        return set is JsonObject
            ? new("sidecar", ResourceAmount.Requests(set), $"values/{istiod}.yaml .global.proxy.resources")
            : new("sidecar", ResourceAmount.Of("100m", "128Mi"), "istio/istio@1.26.2 manifests/charts/istio-control/istio-discovery/values.yaml global.proxy.resources");
    }

    /// <summary>
    /// One Envoy Deployment per Gateway, built from its EnvoyProxy (its own parametersRef, else its class's): the envoy
    /// container's requests (default 100m / 512Mi) times replicas (default 1), plus the shutdown-manager container
    /// (10m / 32Mi) (envoyproxy/gateway@v1.4.2 api/v1alpha1/shared_types.go DefaultDeployment*ResourceRequests,
    /// DefaultShutdownManager*ResourceRequests; kubernetes_helpers.go, envoyproxy_helpers.go).
    /// </summary>
    private static IEnumerable<FootprintTerm> EnvoyProxies(IReadOnlyList<ManifestObject> objects)
    {
        const string EnvoyGateway = "gateway.envoyproxy.io", GatewayApi = "gateway.networking.k8s.io";
        var proxies = objects.Where(o => Nodes.Is(o, EnvoyGateway, "EnvoyProxy")).GroupBy(o => (o.Namespace, o.Name)).ToDictionary(g => g.Key, g => g.First());
        var classes = objects.Where(o => Nodes.Is(o, GatewayApi, "GatewayClass")).GroupBy(o => o.Name).ToDictionary(g => g.Key ?? "", g => g.First());
        foreach (var gateway in objects.Where(o => Nodes.Is(o, GatewayApi, "Gateway")))
        {
            var own = gateway.Body["spec"]?["infrastructure"]?["parametersRef"];
            var classRef = classes.GetValueOrDefault(Nodes.Text(gateway.Body["spec"]?["gatewayClassName"]) ?? "")?.Body["spec"]?["parametersRef"];
            var key = own is not null ? (gateway.Namespace, Nodes.Text(own["name"])) : (Nodes.Text(classRef?["namespace"]), Nodes.Text(classRef?["name"]));
            var deployment = proxies.GetValueOrDefault(key)?.Body["spec"]?["provider"]?["kubernetes"]?["envoyDeployment"];
            var replicas = Replicas(deployment?["replicas"]);
            var container = deployment?["container"]?["resources"] is JsonObject r ? ResourceAmount.Requests(r) : ResourceAmount.Of("100m", "512Mi");
            yield return new($"Envoy of Gateway {gateway.Namespace}/{gateway.Name}", replicas * (container + ResourceAmount.Of("10m", "32Mi")),
                proxies.ContainsKey(key) ? $"{proxies[key].File} (+ shutdown-manager 10m / 32Mi)" : "envoyproxy/gateway@v1.4.2 defaults");
            if (AiExtProc(objects, gateway) is { } route)
                yield return new($"AI Gateway ext_proc of Gateway {gateway.Namespace}/{gateway.Name}", replicas * ResourceAmount.Requests(
                    route.Body["spec"]?["filterConfig"]?["externalProcessor"]?["resources"]), route.File + " filterConfig");
        }
    }

    /// <summary>
    /// The AIGatewayRoute that targets the Gateway, if any: the AI Gateway's webhook then adds its ext_proc container to the
    /// Gateway's Envoy pods, with the route's filterConfig resources, else none (envoyproxy/ai-gateway@v0.2.1
    /// internal/controller/gateway_mutator.go).
    /// </summary>
    private static ManifestObject? AiExtProc(IReadOnlyList<ManifestObject> objects, ManifestObject gateway) =>
        objects.FirstOrDefault(o => Nodes.Is(o, "aigateway.envoyproxy.io", "AIGatewayRoute") && o.Namespace == gateway.Namespace
            && Nodes.Items(o.Body["spec"]?["targetRefs"]).Any(t => Nodes.Text(t?["name"]) == gateway.Name && (Nodes.Text(t?["kind"]) ?? "Gateway") == "Gateway"));
}
