using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

public sealed partial class ApiOperations
{
    /// <summary>
    /// DELETE as kubernetes/apiserver@v0.32.5 pkg/registry/generic/registry/store.go does it: an object with
    /// finalizers only gets a deletionTimestamp (202, the object); a Namespace turns Terminating first and the
    /// namespace controller finishes it (pkg/registry/core/namespace/storage/storage.go: a second delete while its
    /// content is being removed is a 409); anything else is removed at once and answered with the object or with a
    /// Success Status, as the resource's OpenAPI declares (<c>finalizeDelete</c>).
    /// </summary>
    public async Task<(JsonObject Body, int Code)> DeleteAsync(ApiResource r, string? ns, string name, WriteOptions options, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            var old = store.Get(r, ns, name) ?? throw ApiError.NotFound(r, name);
            var request = new AdmissionRequest(AdmissionRequest.Delete, r, null, ns, name, null, old, options.DryRun);
            var context = new AdmissionContext(store, catalog);
            foreach (var plugin in plugins) Admitting(plugin, p => p.Admit(request, context));
            foreach (var plugin in plugins) Admitting(plugin, p => p.Validate(request, context));
            if (options.DryRun) return (old, 200);

            var isNamespace = r.Group == "" && r.Kind == "Namespace";
            var isCrd = r.Group == "apiextensions.k8s.io" && r.Kind == "CustomResourceDefinition";
            if (isNamespace || isCrd || ServerMetadata.HasFinalizers(old))
            {
                if (old["metadata"]!["deletionTimestamp"] is not null)
                {
                    if (isNamespace)
                        throw ApiError.Conflict(r, name, "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.");
                    return (old, 202);
                }
                var marked = (JsonObject)old.DeepClone();
                marked["metadata"]!["deletionTimestamp"] = ManagedFields.Stamp(time.GetUtcNow());
                marked["metadata"]!["deletionGracePeriodSeconds"] = 0;
                if (isNamespace) marked["status"] = new JsonObject { ["phase"] = "Terminating" };
                if (isCrd) // apiextensions-apiserver pkg/registry/customresourcedefinition/etcd.go: the cleanup finalizer goes on at the first delete
                    marked["metadata"]!["finalizers"] = new JsonArray([.. (old["metadata"]?["finalizers"]?.AsArray() ?? []).Select(f => f?.DeepClone()),
                        JsonValue.Create(Controllers.CrdController.CleanupFinalizer)]);
                return (store.Write(r, "MODIFIED", marked), isNamespace || isCrd ? 200 : 202);
            }
            var deleted = store.Write(r, "DELETED", old);
            if (r.DeleteReturnsObject) return (deleted, 200);
            var details = new JsonObject { ["name"] = name };
            if (r.Group.Length > 0) details["group"] = r.Group;
            details["kind"] = r.Plural;
            details["uid"] = old["metadata"]?["uid"]?.DeepClone();
            return (new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details }, 200);
        }
        finally { _writes.Release(); }
    }

    /// <summary>Removes an object from storage without admission (the namespace controller's final step, CRD removal).</summary>
    public async Task PurgeAsync(ApiResource r, JsonObject obj, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            if (store.Get(r, obj["metadata"]?["namespace"]?.GetValue<string>(), obj["metadata"]!["name"]!.GetValue<string>()) is { } current)
                store.Write(r, "DELETED", current);
        }
        finally { _writes.Release(); }
    }
}
