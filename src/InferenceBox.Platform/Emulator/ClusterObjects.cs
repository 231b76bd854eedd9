using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator;

/// <summary>
/// The emulator's objects for a test or the rehearsal: read them, and play a controller's part on status (the
/// emulator runs only a few controllers; see README). Status writes go through the <c>/status</c> subresource of
/// the same pipeline as HTTP requests, so they are validated and watchers see them.
/// </summary>
public sealed class ClusterObjects(ApiOperations ops)
{
    public const string Manager = "inferencebox-emulator";

    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) => ops.Store.Get(Resource(apiVersion, kind), ns, name);

    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) => ops.Store.List(Resource(apiVersion, kind), ns).Items;

    /// <summary>Creates an object through admission and validation, as a client would.</summary>
    public async Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken ct = default)
    {
        var r = Resource(obj["apiVersion"]?.GetValue<string>() ?? "", obj["kind"]?.GetValue<string>() ?? "");
        return (await ops.CreateAsync(r, obj["metadata"]?["namespace"]?.GetValue<string>(), obj, new WriteOptions(Manager), ct)).Object;
    }

    /// <summary>Replaces the object's status.</summary>
    public async Task<JsonObject> SetStatusAsync(string apiVersion, string kind, string? ns, string name, JsonObject status, CancellationToken ct = default)
    {
        var r = Resource(apiVersion, kind);
        var current = ops.Store.Get(r, ns, name) ?? throw new KeyNotFoundException($"{kind} {ns}/{name} does not exist in the emulator.");
        current["status"] = status.DeepClone();
        return (await ops.UpdateAsync(r, ns, name, r.HasStatus ? "status" : null, current, new WriteOptions(Manager), ct)).Object;
    }

    /// <summary>Sets one condition (replacing one of the same type), with observedGeneration = the object's generation.</summary>
    public async Task<JsonObject> SetConditionAsync(string apiVersion, string kind, string? ns, string name, string type, bool status,
        string reason = "", string message = "", CancellationToken ct = default)
    {
        var current = Get(apiVersion, kind, ns, name) ?? throw new KeyNotFoundException($"{kind} {ns}/{name} does not exist in the emulator.");
        var statusObject = current["status"] as JsonObject ?? new JsonObject();
        var conditions = statusObject["conditions"] as JsonArray ?? new JsonArray();
        var kept = conditions.Where(c => c?["type"]?.GetValue<string>() != type).Select(c => c?.DeepClone()).ToList();
        kept.Add(new JsonObject
        {
            ["type"] = type, ["status"] = status ? "True" : "False", ["reason"] = reason, ["message"] = message,
            ["lastTransitionTime"] = ManagedFields.Stamp(ops.Time.GetUtcNow()),
        });
        var updated = (JsonObject)statusObject.DeepClone();
        updated["conditions"] = new JsonArray(kept.ToArray());
        if (current["metadata"]?["generation"] is { } generation) updated["observedGeneration"] = generation.DeepClone();
        return await SetStatusAsync(apiVersion, kind, ns, name, updated, ct);
    }

    /// <summary>
    /// Makes an InferenceService Ready as KServe would once its predictor serves (all predictor conditions True, url,
    /// components.predictor revisions): the emulator does not run model servers, so the test or the rehearsal decides.
    /// </summary>
    public async Task<JsonObject> MarkInferenceServiceReadyAsync(string ns, string name, CancellationToken ct = default)
    {
        var isvc = Get("serving.kserve.io/v1beta1", "InferenceService", ns, name)
            ?? throw new KeyNotFoundException($"InferenceService {ns}/{name} does not exist in the emulator.");
        var status = Controllers.InferenceServiceStatus.Ready(isvc, new Controllers.ControllerSupport(ops));
        return await SetStatusAsync("serving.kserve.io/v1beta1", "InferenceService", ns, name, status, ct);
    }

    private ApiResource Resource(string apiVersion, string kind) =>
        ops.Catalog.Find(GroupVersionKind.FromApiVersion(apiVersion, kind))
        ?? throw new KeyNotFoundException($"The emulator does not serve {apiVersion} {kind} (not in the pinned OpenAPI, or its CRD is not established).");
}
