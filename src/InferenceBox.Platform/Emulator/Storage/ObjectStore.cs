using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>
/// The emulator's etcd and watch cache in one: objects by resource, namespace and name; one revision counter for
/// all of them (etcd's, so every write gets a larger resourceVersion); a bounded event window per resource
/// (<see cref="WatchCache"/>); and the open watches. Objects go in and come out as deep copies.
/// </summary>
public sealed class ObjectStore(TimeProvider time, int watchCacheLowerBound, int watchCacheUpperBound)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new();
    private readonly Dictionary<string, WatchCache> _caches = new();
    private readonly List<Watcher> _watchers = new();
    private readonly List<ChannelWriter<StoredEvent>> _listeners = new();
    private long _revision = 1;

    /// <summary>The newest resourceVersion (what a list answers with).</summary>
    public long Revision { get { lock (_gate) return _revision; } }

    public JsonObject? Get(ApiResource r, string? ns, string name)
    {
        lock (_gate)
            return Table(r).TryGetValue(Key(ns, name), out var obj) ? Present(obj, r) : null;
    }

    /// <summary>Objects of <paramref name="r"/> (in <paramref name="ns"/>, or everywhere when null) that pass the filter, and the revision.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(ApiResource r, string? ns, Func<JsonObject, bool>? filter = null)
    {
        lock (_gate)
        {
            Cache(r);
            var items = Table(r).Values
                .Where(o => ns is null || Namespace(o) == ns)
                .Where(o => filter?.Invoke(o) ?? true)
                .Select(o => Present(o, r)).ToList();
            return (items, _revision);
        }
    }

    /// <summary>
    /// Stores a change and tells every watcher and listener. ADDED and MODIFIED store <paramref name="obj"/>;
    /// DELETED removes it. Returns the stored object with its new resourceVersion.
    /// </summary>
    public JsonObject Write(ApiResource r, string type, JsonObject obj)
    {
        lock (_gate)
        {
            var table = Table(r);
            var key = Key(Namespace(obj), Name(obj));
            table.TryGetValue(key, out var previous);
            var cache = Cache(r); // a new window starts at the revision before this change, so a list just before it can watch it
            var stored = (JsonObject)obj.DeepClone();
            stored["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            if (type == "DELETED") table.Remove(key);
            else table[key] = stored;
            var e = new StoredEvent(type, r, stored, previous, _revision, time.GetUtcNow());
            cache.Add(e);
            foreach (var watcher in _watchers.Where(w => w.Resource == Key(r)))
                watcher.Offer(e);
            foreach (var listener in _listeners) listener.TryWrite(e);
            return Present(stored, r);
        }
    }

    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it starts with the current objects as ADDED events, as the
    /// watch cache does (<c>getIntervalFromStoreLocked</c>); with one, it replays the window's later events, or
    /// returns the 410 message when the window no longer reaches back that far.
    /// </summary>
    public (Watcher? Watcher, string? TooOld) Watch(ApiResource r, WatchFilter filter, long? fromResourceVersion)
    {
        lock (_gate)
        {
            var watcher = new Watcher(Key(r), r, filter, this);
            if (fromResourceVersion is null or 0)
            {
                foreach (var obj in Table(r).Values.Where(filter.Matches))
                    watcher.Send("ADDED", Present(obj, r, filter.ApiVersion));
            }
            else
            {
                var (events, tooOld) = Cache(r).Since(fromResourceVersion.Value);
                if (tooOld is not null) return (null, tooOld);
                foreach (var e in events) watcher.Offer(e);
            }
            _watchers.Add(watcher);
            return (watcher, null);
        }
    }

    internal void Forget(Watcher watcher)
    {
        lock (_gate) _watchers.Remove(watcher);
    }

    /// <summary>Every change from now on (for the emulator's controllers); dispose to stop.</summary>
    public StoreSubscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<StoredEvent>();
        lock (_gate) _listeners.Add(channel.Writer);
        return new StoreSubscription(channel.Reader, () =>
        {
            lock (_gate) _listeners.Remove(channel.Writer);
            channel.Writer.TryComplete();
        });
    }

    /// <summary>Sends a BOOKMARK at the current revision to every watch that asked for bookmarks.</summary>
    public void Bookmark()
    {
        lock (_gate)
            foreach (var watcher in _watchers.Where(w => w.Filter.AllowBookmarks))
                watcher.Bookmark(_revision);
    }

    /// <summary>
    /// Drops every resource's event window, as an API server restart does: afterwards a watch from an older
    /// resourceVersion gets 410 Expired.
    /// </summary>
    public void ForgetHistory()
    {
        lock (_gate)
            foreach (var cache in _caches.Values) cache.Relist(_revision);
    }

    /// <summary>Waits until the revision reaches <paramref name="resourceVersion"/>; false when <paramref name="ct"/> ends the wait first.</summary>
    public async Task<bool> WaitForRevisionAsync(long resourceVersion, CancellationToken ct)
    {
        using var subscription = Subscribe();
        try
        {
            while (Revision < resourceVersion)
                await subscription.Reader.ReadAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Removes every object of a resource (its CRD was deleted), as DELETED events.</summary>
    public void DropAll(ApiResource r)
    {
        foreach (var obj in List(r, null).Items) Write(r, "DELETED", obj);
    }

    internal JsonObject Present(JsonObject obj, ApiResource r, string? apiVersion = null)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = apiVersion ?? r.ApiVersion;
        return copy;
    }

    private SortedDictionary<string, JsonObject> Table(ApiResource r)
    {
        if (!_objects.TryGetValue(Key(r), out var table)) _objects[Key(r)] = table = new(StringComparer.Ordinal);
        return table;
    }

    private WatchCache Cache(ApiResource r)
    {
        if (!_caches.TryGetValue(Key(r), out var cache))
            _caches[Key(r)] = cache = new WatchCache(_revision, watchCacheLowerBound, watchCacheUpperBound);
        return cache;
    }

    private static string Key(ApiResource r) => r.Group + "/" + r.Plural;
    private static string Key(string? ns, string name) => (ns ?? "") + "/" + name;
    internal static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null;
    internal static string Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";
}
