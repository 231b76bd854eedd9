using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>
/// One change in the store: ADDED, MODIFIED or DELETED, the object after it (for DELETED: as it was, with the
/// deletion's resourceVersion), the object before it, and the store's revision at that change.
/// </summary>
public sealed record StoredEvent(string Type, ApiResource Resource, JsonObject Object, JsonObject? Previous, long ResourceVersion, DateTimeOffset At)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();
    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";
}

/// <summary>What a watcher receives: a change, a bookmark at a resourceVersion, or the error that ends the stream.</summary>
public sealed record WatchItem(string Type, JsonObject Object);
