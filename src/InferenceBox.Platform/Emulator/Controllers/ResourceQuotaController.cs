using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The resource quota controller (kubernetes/kubernetes pkg/controller/resourcequota/resource_quota_controller.go,
/// <c>syncResourceQuota</c>): a quota's <c>status.hard</c> follows <c>spec.hard</c> and <c>status.used</c> is
/// recalculated from the namespace's objects whenever the quota or something it counts changes (which also gives
/// back what deleted pods used). Until it has run, admission refuses with "status unknown for quota".
/// </summary>
public sealed class ResourceQuotaController(ApiOperations ops) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        var ns = change.Namespace;
        if (ns is null) return;
        var quotaResource = ops.Catalog.Find(new Manifests.GroupVersionKind("", "v1", "ResourceQuota"));
        if (quotaResource is null) return;
        var isQuota = change.Resource.Group == "" && change.Resource.Kind == "ResourceQuota";
        var quotas = ops.Store.List(quotaResource, ns).Items;
        if (quotas.Count == 0 || !isQuota && !quotas.Any(q => QuotaEvaluators.Matching(change.Resource, Hard(q).Keys).Count > 0)) return;

        foreach (var quota in quotas)
        {
            var hard = Hard(quota);
            var used = hard.Keys.ToDictionary(k => k, _ => Quantity.Zero);
            foreach (var resource in ops.Catalog.All.Where(r => r.Namespaced).DistinctBy(r => (r.Group, r.Plural)))
            {
                var tracked = QuotaEvaluators.Matching(resource, hard.Keys);
                if (tracked.Count == 0) continue;
                foreach (var obj in ops.Store.List(resource, ns).Items.Where(o => QuotaEvaluators.MatchesScopes(quota, resource, o)))
                    foreach (var (name, q) in QuotaEvaluators.Usage(resource, obj).Where(u => tracked.Contains(u.Key)))
                        used[name] = used[name].Add(q);
            }
            var status = new JsonObject { ["hard"] = quota["spec"]?["hard"]?.DeepClone() ?? new JsonObject(), ["used"] = ToJson(used) };
            if (JsonNode.DeepEquals(status, quota["status"])) continue;
            await ops.UpdateAsync(quotaResource, ns, quota["metadata"]!["name"]!.GetValue<string>(), "status",
                new JsonObject { ["metadata"] = new JsonObject { ["name"] = quota["metadata"]!["name"]!.DeepClone() }, ["status"] = status },
                new WriteOptions("kube-controller-manager"), ct);
        }
    }

    private static Dictionary<string, Quantity> Hard(JsonObject quota) => Quantity.List(quota["spec"]?["hard"]);

    public static JsonObject ToJson(IReadOnlyDictionary<string, Quantity> list)
    {
        var json = new JsonObject();
        foreach (var (name, q) in list.OrderBy(p => p.Key, StringComparer.Ordinal)) json[name] = q.ToString();
        return json;
    }
}
