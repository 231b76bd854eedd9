using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Background cascading deletion (kubernetes/kubernetes pkg/controller/garbagecollector): when an object goes, the
/// objects in its namespace whose ownerReferences name its uid go too (Deployment → ReplicaSets → Pods,
/// InferenceService → its Deployment). Orphaning, foreground deletion and cluster-scoped owners are not imitated.
/// </summary>
public sealed class GarbageCollector(ControllerSupport support) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Type != "DELETED" || change.Namespace is null) return;
        var uid = change.Object["metadata"]?["uid"]?.ToString();
        if (uid is null) return;
        foreach (var resource in support.Ops.Catalog.All.Where(r => r.Namespaced).DistinctBy(r => (r.Group, r.Plural)))
            foreach (var dependent in support.Ops.Store.List(resource, change.Namespace).Items
                         .Where(o => (o["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(r => r?["uid"]?.ToString() == uid)))
                await support.Ops.PurgeAsync(resource, dependent, ct);
    }
}
