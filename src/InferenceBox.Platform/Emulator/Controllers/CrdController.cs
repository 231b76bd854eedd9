using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The apiextensions controllers, in one step: a new or changed CRD gets NamesAccepted ("NoConflicts", "no conflicts
/// found"; kubernetes/apiextensions-apiserver@v0.32.5 pkg/controller/status/naming_controller.go) and Established
/// ("InitialNamesAccepted", "the initial names have been accepted"; pkg/controller/establish/establishing_controller.go),
/// and its versions are served from then on. A CRD being deleted stops being served, its objects are removed and
/// its cleanup finalizer is dropped (pkg/controller/finalizer/crd_finalizer.go). The real server takes two status
/// writes to establish a CRD and serves requests a moment before discovery lists it; here it is one write.
/// </summary>
public sealed class CrdController(ApiOperations ops, TimeProvider time) : IController
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "apiextensions.k8s.io" || change.Resource.Kind != "CustomResourceDefinition") return;
        var crd = change.Object;
        var name = change.Name;
        if (change.Type == "DELETED")
        {
            ops.CustomResources.Withdraw(name);
            return;
        }
        if (crd["metadata"]?["deletionTimestamp"] is not null)
        {
            await FinalizeAsync(crd, name, ct);
            return;
        }
        if (IsEstablished(crd) && JsonNode.DeepEquals(crd["status"]?["acceptedNames"], crd["spec"]?["names"])) return;
        ops.CustomResources.Establish(crd);
        var stamp = ManagedFields.Stamp(time.GetUtcNow());
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", stamp),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", stamp)),
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray(crd["spec"]?["versions"]?.AsArray()
                .Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)v!["name"]!.DeepClone()).ToArray() ?? []),
        };
        await ops.UpdateAsync(change.Resource, null, name, "status", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["status"] = status },
            new WriteOptions("kube-apiserver"), ct);
    }

    private async Task FinalizeAsync(JsonObject crd, string name, CancellationToken ct)
    {
        var finalizers = crd["metadata"]?["finalizers"]?.AsArray();
        if (finalizers is null || !finalizers.Any(f => f?.GetValue<string>() == CleanupFinalizer)) return;
        foreach (var resource in ResourcesOf(crd))
            foreach (var obj in ops.Store.List(resource, null).Items)
                await ops.PurgeAsync(resource, obj, ct);
        ops.CustomResources.Withdraw(name);
        var updated = (JsonObject)crd.DeepClone();
        updated["metadata"]!["finalizers"] = new JsonArray(finalizers.Where(f => f?.GetValue<string>() != CleanupFinalizer).Select(f => f?.DeepClone()).ToArray());
        var crdResource = ops.Catalog.Find(new Manifests.GroupVersionKind("apiextensions.k8s.io", "v1", "CustomResourceDefinition"))!;
        await ops.UpdateAsync(crdResource, null, name, null, updated, new WriteOptions("kube-apiserver"), ct);
    }

    private IEnumerable<Discovery.ApiResource> ResourcesOf(JsonObject crd) =>
        Discovery.ResourceCatalog.FromCrd(crd).DistinctBy(r => r.Plural);

    private static bool IsEstablished(JsonObject crd) =>
        crd["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True") == true;

    private static JsonObject Condition(string type, string reason, string message, string stamp) => new()
    {
        ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = stamp, ["reason"] = reason, ["message"] = message,
    };
}
