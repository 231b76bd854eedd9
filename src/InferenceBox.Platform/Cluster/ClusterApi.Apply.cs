using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace InferenceBox.Platform.Cluster;

// Server-side apply (PATCH, application/apply-patch+yaml, fieldManager, force=true), in the order the API server
// needs: a custom object needs its CRD established, a namespaced object needs its Namespace (NamespaceLifecycle
// admission refuses it otherwise). The order comes from discovery (scope), never from file names.
public sealed partial class ClusterApi
{
    /// <summary>
    /// Applies every object, ordered: CustomResourceDefinitions first (then waited on until Established), then
    /// cluster-scoped objects (Namespaces among them), then namespaced ones; each group in manifest order. Every kind
    /// is resolved before anything is applied, so an unknown kind fails the batch untouched. A refusal names the
    /// object, its file and line, and the server's answer.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        var crds = objects.Where(IsCrd).ToList();
        foreach (var crd in crds) await ApplyOneAsync(crd, await ResolveForAsync(crd, ct), ct);
        foreach (var crd in crds)
        {
            var established = new CrdEstablished(crd.Name!);
            await WaitAsync(established, established.BudgetName, Budgets[established.BudgetName], ct);
        }
        var rest = new List<(ManifestObject Object, ServedResource Resource)>();
        foreach (var o in objects.Where(o => !IsCrd(o))) rest.Add((o, await ResolveForAsync(o, ct)));
        foreach (var (o, r) in ApplyOrder.Sort(rest)) await ApplyOneAsync(o, r, ct);
    }

    /// <summary>Applies one object built in code (a driver's own); returns what the server stored.</summary>
    public async Task<JsonObject> ApplyObjectAsync(JsonObject body, string origin, CancellationToken ct)
    {
        var o = ManifestObject.Built(body, origin);
        return await ApplyOneAsync(o, await ResolveForAsync(o, ct), ct);
    }

    public async Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct) =>
        await GetAsync(new ObjectRef(manifestObject.ApiVersion!, manifestObject.Kind!, manifestObject.Namespace, manifestObject.Name!), ct) is not null;

    private static bool IsCrd(ManifestObject o) => o is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" };

    private async Task<ServedResource> ResolveForAsync(ManifestObject o, CancellationToken ct)
    {
        try { return await ResolveAsync(o.ApiVersion!, o.Kind!, ct); }
        catch (KindNotServedException e)
        {
            throw new ApplyFailedException(o.Identity, o.Where, $"{e.Message} (is the CRD installed, by an earlier phase?)", e);
        }
    }

    private async Task<JsonObject> ApplyOneAsync(ManifestObject o, ServedResource r, CancellationToken ct)
    {
        var patch = new V1Patch(o.Json, V1Patch.PatchType.ApplyPatch);
        var ns = o.Namespace ?? "default";
        try
        {
            return ToObject(await CallAsync(t => r.Namespaced
                ? Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, r.Group, r.Version, ns, r.Plural, o.Name!,
                    fieldManager: Manager, force: true, cancellationToken: t)
                : Client.CustomObjects.PatchClusterCustomObjectAsync(patch, r.Group, r.Version, r.Plural, o.Name!,
                    fieldManager: Manager, force: true, cancellationToken: t), ct))!;
        }
        catch (HttpOperationException e)
        {
            throw new ApplyFailedException(o.Identity, o.Where, ApiStatus.From(e).ToString(), e);
        }
    }
}

/// <summary>The order the API server needs: cluster-scoped objects (Namespaces among them) before namespaced ones, stable otherwise.</summary>
public static class ApplyOrder
{
    public static IEnumerable<(ManifestObject Object, ServedResource Resource)> Sort(IEnumerable<(ManifestObject Object, ServedResource Resource)> objects) =>
        objects.Select((pair, index) => (pair, index))
            .OrderBy(x => x.pair.Resource.Namespaced ? 1 : 0).ThenBy(x => x.index)
            .Select(x => x.pair);
}
