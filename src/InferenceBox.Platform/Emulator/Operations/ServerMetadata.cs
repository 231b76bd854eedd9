using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// What the server sets itself, as the registry strategies do (kubernetes/kubernetes pkg/registry/*/*/strategy.go,
/// <c>PrepareForCreate</c>/<c>PrepareForUpdate</c>; kubernetes/apiextensions-apiserver@v0.32.5
/// pkg/registry/customresource/strategy.go): uid and creationTimestamp; status dropped on create and kept on writes
/// to the main resource when the kind has a status subresource (only status changes through <c>/status</c>);
/// <c>metadata.generation</c> 1 on create and +1 when anything but metadata (and status) changes — for kinds with
/// a status subresource and for custom resources. A Namespace starts Active with the <c>kubernetes</c> finalizer
/// (pkg/registry/core/namespace/strategy.go).
/// </summary>
public static class ServerMetadata
{
    public static void OnCreate(ApiResource r, JsonObject obj, DateTimeOffset now)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ManagedFields.Stamp(now);
        foreach (var key in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" }) metadata.Remove(key);
        if (TracksGeneration(r)) metadata["generation"] = 1;
        else metadata.Remove("generation");
        if (r.Group == "" && r.Kind == "Namespace")
        {
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (r.Group == "" && r.Kind == "Pod") obj["status"] = new JsonObject { ["phase"] = "Pending" };
        else if (r.HasStatus) obj.Remove("status"); // a zeroed Go status struct; left out rather than written as {} (whose required fields would be missing)
    }

    public static JsonObject OnUpdate(ApiResource r, string? subresource, JsonObject candidate, JsonObject old)
    {
        if (subresource == "status")
        {
            var updated = (JsonObject)old.DeepClone();
            updated["status"] = candidate["status"]?.DeepClone();
            if (updated["status"] is null) updated.Remove("status");
            return updated;
        }
        var metadata = (JsonObject)candidate["metadata"]!;
        var oldMetadata = (JsonObject)old["metadata"]!;
        foreach (var key in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
        {
            if (oldMetadata[key] is { } value) metadata[key] = value.DeepClone();
            else metadata.Remove(key);
        }
        if (metadata["managedFields"] is null && oldMetadata["managedFields"] is { } managed) metadata["managedFields"] = managed.DeepClone();
        metadata.Remove("resourceVersion");
        if (r.HasStatus)
        {
            if (old["status"] is { } status) candidate["status"] = status.DeepClone();
            else candidate.Remove("status");
        }
        if (r.Group == "" && r.Kind == "Namespace") candidate["spec"] = old["spec"]?.DeepClone();
        return candidate;
    }

    public static void BumpGeneration(ApiResource r, JsonObject candidate, JsonObject? old)
    {
        if (!TracksGeneration(r) || old is null) return;
        var generation = old["metadata"]?["generation"] is JsonValue g && long.TryParse(g.ToJsonString(), out var n) ? n : 1;
        candidate["metadata"]!["generation"] = JsonNode.DeepEquals(Spec(r, candidate), Spec(r, old)) ? generation : generation + 1;
    }

    public static bool HasFinalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray { Count: > 0 } || obj["spec"]?["finalizers"] is JsonArray { Count: > 0 } && obj["kind"]?.ToString() == "Namespace";

    private static bool TracksGeneration(ApiResource r) => r.IsCustom || r.HasStatus && !(r.Group == "" && r.Kind is "Namespace" or "Pod");

    private static JsonObject Spec(ApiResource r, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        if (r.HasStatus) copy.Remove("status");
        return copy;
    }
}
