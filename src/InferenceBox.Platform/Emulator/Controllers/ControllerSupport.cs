using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>What the emulator's controllers share: owner references, conditions, status writes and events.</summary>
public sealed class ControllerSupport(ApiOperations operations)
{
    private readonly ApiOperations _ops = operations;

    private long _events;

    public ApiOperations Ops => _ops;

    public ApiResource Resource(string apiVersion, string kind) =>
        _ops.Catalog.Find(GroupVersionKind.FromApiVersion(apiVersion, kind))
        ?? throw new InvalidOperationException($"{apiVersion} {kind} is not served by the emulator's pinned schemas.");

    public static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = owner["apiVersion"]?.DeepClone(),
        ["kind"] = owner["kind"]?.DeepClone(),
        ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static bool IsOwnedBy(JsonObject obj, JsonObject owner) =>
        (obj["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(r => r?["uid"]?.ToString() == owner["metadata"]?["uid"]?.ToString());

    public static string? Condition(JsonObject? obj, string type, string field = "status") =>
        obj?["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.ToString() == type)?[field]?.ToString();

    /// <summary>Sets a condition, keeping its lastTransitionTime when its status did not change.</summary>
    public JsonObject WithCondition(JsonObject status, string type, string value, string reason, string message, bool withUpdateTime = false)
    {
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        var previous = conditions.FirstOrDefault(c => c?["type"]?.ToString() == type);
        var stamp = ManagedFields.Stamp(_ops.Time.GetUtcNow());
        var condition = new JsonObject { ["type"] = type, ["status"] = value };
        if (withUpdateTime) condition["lastUpdateTime"] = previous?["status"]?.ToString() == value ? previous["lastUpdateTime"]?.DeepClone() ?? stamp : stamp;
        condition["lastTransitionTime"] = previous?["status"]?.ToString() == value ? previous["lastTransitionTime"]?.DeepClone() ?? stamp : stamp;
        condition["reason"] = reason;
        condition["message"] = message;
        var kept = conditions.Select(c => c?.DeepClone()).ToList();
        var at = kept.FindIndex(c => c?["type"]?.ToString() == type);
        if (at < 0) kept.Add(condition);
        else kept[at] = condition;
        status["conditions"] = new JsonArray(kept.ToArray());
        return status;
    }

    public static JsonObject WithoutCondition(JsonObject status, string type)
    {
        if (status["conditions"] is JsonArray conditions)
            status["conditions"] = new JsonArray(conditions.Where(c => c?["type"]?.ToString() != type).Select(c => c?.DeepClone()).ToArray());
        return status;
    }

    /// <summary>Writes <paramref name="status"/> through the /status subresource when it differs from the stored one.</summary>
    public async Task SetStatusAsync(ApiResource r, JsonObject obj, JsonObject status, string manager, CancellationToken ct)
    {
        if (JsonNode.DeepEquals(obj["status"], status)) return;
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        await _ops.UpdateAsync(r, ns, name, r.HasStatus ? "status" : null,
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["status"] = status }, new WriteOptions(manager), ct);
    }

    /// <summary>A core/v1 Event as client-go's recorder writes it (tools/record/event.go: name &lt;object&gt;.&lt;hex&gt;, count 1).</summary>
    public async Task RecordEventAsync(JsonObject involved, string type, string reason, string message, string component, CancellationToken ct)
    {
        var ns = involved["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
        var stamp = ManagedFields.Stamp(_ops.Time.GetUtcNow());
        var nanos = (_ops.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100 + Interlocked.Increment(ref _events);
        var name = $"{involved["metadata"]!["name"]}.{nanos:x}";
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = involved["kind"]?.DeepClone(), ["namespace"] = ns, ["name"] = involved["metadata"]!["name"]!.DeepClone(),
                ["uid"] = involved["metadata"]?["uid"]?.DeepClone(), ["apiVersion"] = involved["apiVersion"]?.DeepClone(),
                ["resourceVersion"] = involved["metadata"]?["resourceVersion"]?.DeepClone(),
            },
            ["reason"] = reason, ["message"] = message, ["type"] = type,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = stamp, ["lastTimestamp"] = stamp, ["count"] = 1, ["reportingComponent"] = component, ["reportingInstance"] = "",
        };
        try
        {
            await _ops.CreateAsync(Resource("v1", "Event"), ns, evt, new WriteOptions(component), ct);
        }
        catch (ApiError) { /* an event that cannot be recorded is dropped, as client-go's recorder drops it */ }
    }
}
