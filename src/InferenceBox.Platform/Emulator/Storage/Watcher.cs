using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>What one watch asked for: namespace, name, selectors, bookmarks, and the version to present objects in.</summary>
public sealed record WatchFilter(string? Namespace, string? Name, LabelSelector Labels, FieldSelector Fields, bool AllowBookmarks, string ApiVersion)
{
    public bool Matches(JsonObject obj) =>
        (Namespace is null || ObjectStore.Namespace(obj) == Namespace)
        && (Name is null || ObjectStore.Name(obj) == Name)
        && Labels.Matches(obj) && Fields.Matches(obj);
}

/// <summary>
/// One open watch. Turns store changes into the events this watcher sees, as kubernetes/apiserver@v0.32.5
/// pkg/storage/cacher/cache_watcher.go <c>convertToWatchEvent</c> does: an object that starts to match its
/// filter arrives as ADDED, one that stops matching as DELETED (the old content at the new resourceVersion).
/// </summary>
public sealed class Watcher : IDisposable
{
    private readonly Channel<WatchItem> _channel = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ObjectStore _store;

    internal Watcher(string resource, ApiResource r, WatchFilter filter, ObjectStore store)
    {
        Resource = resource;
        Api = r;
        Filter = filter;
        _store = store;
    }

    internal string Resource { get; }
    public ApiResource Api { get; }
    public WatchFilter Filter { get; }
    public ChannelReader<WatchItem> Events => _channel.Reader;

    internal void Offer(StoredEvent e)
    {
        var now = e.Type != "DELETED" && Filter.Matches(e.Object);
        var before = e.Previous is not null && Filter.Matches(e.Previous);
        if (!now && !before) return;
        var type = (now, before) switch { (true, false) => "ADDED", (true, true) => "MODIFIED", _ => "DELETED" };
        JsonObject obj;
        if (type == "DELETED" && e.Type != "DELETED")
        {
            obj = (JsonObject)e.Previous!.DeepClone();
            obj["metadata"]!["resourceVersion"] = e.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        }
        else obj = (JsonObject)e.Object.DeepClone();
        obj["apiVersion"] = Filter.ApiVersion;
        Send(type, obj);
    }

    internal void Send(string type, JsonObject obj) => _channel.Writer.TryWrite(new WatchItem(type, obj));

    /// <summary>A bookmark is an empty object of the kind carrying only the resourceVersion (cacher.go, dispatchEvents).</summary>
    internal void Bookmark(long resourceVersion) => Send("BOOKMARK", new JsonObject
    {
        ["kind"] = Api.Kind,
        ["apiVersion"] = Filter.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null },
    });

    public void Dispose()
    {
        _store.Forget(this);
        _channel.Writer.TryComplete();
    }
}
