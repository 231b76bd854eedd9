using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The endpoints controller (kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller.go): for every
/// Service with a selector, a core/v1 Endpoints of the same name listing the ready pods it selects, with the
/// Service's ports resolved against the containers' named ports. This is what a v1.32 API server resolves a
/// webhook's service through (kubernetes/apiserver@v0.32.5 pkg/util/proxy/proxy.go, <c>ResolveEndpoint</c>).
/// EndpointSlices (discovery.k8s.io/v1) are not maintained: that group is not in the pinned OpenAPI (see README).
/// </summary>
public sealed class EndpointsController(ControllerSupport support) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "" || change.Resource.Kind is not ("Pod" or "Service") || change.Namespace is null) return;
        var services = support.Resource("v1", "Service");
        var endpoints = support.Resource("v1", "Endpoints");
        var pods = support.Ops.Store.List(support.Resource("v1", "Pod"), change.Namespace).Items;
        foreach (var service in support.Ops.Store.List(services, change.Namespace).Items)
        {
            if (service["spec"]?["selector"] is not JsonObject { Count: > 0 } selector) continue;
            var name = service["metadata"]!["name"]!.GetValue<string>();
            var selected = pods.Where(p => selector.All(s => LabelSelector.Labels(p).TryGetValue(s.Key, out var v) && v == s.Value?.ToString())
                && p["metadata"]?["deletionTimestamp"] is null).ToList();
            var wanted = Endpoints(service, selected);
            var current = support.Ops.Store.Get(endpoints, change.Namespace, name);
            if (current is not null && JsonNode.DeepEquals(current["subsets"], wanted["subsets"])) continue;
            if (current is null) await support.Ops.CreateAsync(endpoints, change.Namespace, wanted, new WriteOptions("endpoint-controller"), ct);
            else
            {
                var updated = (JsonObject)current.DeepClone();
                updated["subsets"] = wanted["subsets"]?.DeepClone();
                await support.Ops.UpdateAsync(endpoints, change.Namespace, name, null, updated, new WriteOptions("endpoint-controller"), ct);
            }
        }
    }

    private static JsonObject Endpoints(JsonObject service, List<JsonObject> pods)
    {
        var ready = pods.Where(ReplicaSetController.PodReady).ToList();
        var subsets = new JsonArray();
        if (ready.Count > 0)
            subsets.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(ready.Select(p => (JsonNode)new JsonObject
                {
                    ["ip"] = p["status"]?["podIP"]?.DeepClone(),
                    ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = p["metadata"]!["namespace"]!.DeepClone(), ["name"] = p["metadata"]!["name"]!.DeepClone(), ["uid"] = p["metadata"]!["uid"]!.DeepClone() },
                }).ToArray()),
                ["ports"] = new JsonArray((service["spec"]?["ports"]?.AsArray() ?? []).Select(port => (JsonNode)Port(port!, ready[0])).ToArray()),
            });
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject { ["name"] = service["metadata"]!["name"]!.DeepClone(), ["labels"] = service["metadata"]?["labels"]?.DeepClone() ?? new JsonObject() },
            ["subsets"] = subsets,
        };
    }

    /// <summary><c>podutil.FindPort</c>: a named targetPort is looked up among the pod's container ports.</summary>
    private static JsonObject Port(JsonNode port, JsonObject pod)
    {
        var target = port["targetPort"] ?? port["port"];
        var number = target is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? (pod["spec"]?["containers"]?.AsArray() ?? []).SelectMany(c => c?["ports"]?.AsArray() ?? [])
                .FirstOrDefault(p => p?["name"]?.ToString() == v.ToString())?["containerPort"]?.DeepClone()
            : target?.DeepClone();
        var result = new JsonObject();
        if (port["name"] is { } name) result["name"] = name.DeepClone();
        result["port"] = number ?? port["port"]?.DeepClone();
        result["protocol"] = port["protocol"]?.DeepClone() ?? "TCP";
        return result;
    }
}
