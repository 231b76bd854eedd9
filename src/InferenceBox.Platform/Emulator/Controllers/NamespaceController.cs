using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Finishes a namespace deletion as the namespace controller does (kubernetes/kubernetes
/// pkg/controller/namespace/deletion/namespaced_resources_deleter.go): every namespaced object in it is deleted,
/// then the namespace itself. Unlike the real controller it does not wait for the objects' own finalizers.
/// </summary>
public sealed class NamespaceController(ApiOperations ops) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "" || change.Resource.Kind != "Namespace" || change.Type == "DELETED") return;
        if (change.Object["metadata"]?["deletionTimestamp"] is null) return;
        var ns = change.Name;
        foreach (var resource in ops.Catalog.All.Where(r => r.Namespaced).DistinctBy(r => (r.Group, r.Plural)))
            foreach (var obj in ops.Store.List(resource, ns).Items)
                await ops.PurgeAsync(resource, obj, ct);
        await ops.PurgeAsync(change.Resource, change.Object, ct);
    }
}
