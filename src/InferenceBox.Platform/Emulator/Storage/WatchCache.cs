namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>
/// The bounded window of recent events of one resource, with the real watch cache's rules
/// (kubernetes/apiserver@v0.32.5 pkg/storage/cacher/watch_cache.go): capacity starts at the lower bound (100),
/// doubles while the window is full of events younger than 75 s (<c>eventFreshDuration</c>), up to the upper bound
/// (100 × 1024), and halves when the newest quarter is older than that. A watch from a resourceVersion older than
/// the window gets "too old resource version: &lt;rv&gt; (&lt;oldest-1&gt;)" (<c>getAllEventsSinceLocked</c>).
/// Not thread-safe: <see cref="ObjectStore"/> holds its lock.
/// </summary>
internal sealed class WatchCache(long listResourceVersion, int lowerBound, int upperBound)
{
    private static readonly TimeSpan EventFreshDuration = TimeSpan.FromSeconds(75);
    private readonly List<StoredEvent> _events = new();
    private int _capacity = Math.Min(lowerBound, upperBound);
    private bool _removedEventSinceRelist;
    private long _listResourceVersion = listResourceVersion;

    public int Capacity => _capacity;

    public void Add(StoredEvent e)
    {
        Resize(e.At);
        if (_events.Count >= _capacity)
        {
            _events.RemoveAt(0);
            _removedEventSinceRelist = true;
        }
        _events.Add(e);
    }

    private void Resize(DateTimeOffset now)
    {
        if (_events.Count < _capacity || _events.Count == 0) return;
        if (now - _events[0].At < EventFreshDuration)
        {
            _capacity = Math.Min(_capacity * 2, upperBound);
            return;
        }
        if (now - _events[_events.Count - _capacity / 4].At > EventFreshDuration)
        {
            var capacity = Math.Max(_capacity / 2, lowerBound);
            if (capacity >= _capacity) return;
            _events.RemoveRange(0, _events.Count - capacity);
            _removedEventSinceRelist = true;
            _capacity = capacity;
        }
    }

    /// <summary>
    /// Drops the history as a re-list does (<c>Replace</c>): afterwards only watches from
    /// <paramref name="currentResourceVersion"/> or newer are served. Imitates an API server restart.
    /// </summary>
    public void Relist(long currentResourceVersion)
    {
        _events.Clear();
        _removedEventSinceRelist = false;
        _listResourceVersion = currentResourceVersion;
    }

    /// <summary>The events after <paramref name="resourceVersion"/>, or the 410 message when the window no longer reaches back that far.</summary>
    public (IReadOnlyList<StoredEvent> Events, string? TooOld) Since(long resourceVersion)
    {
        long oldest;
        if (_listResourceVersion > 0 && !_removedEventSinceRelist) oldest = _listResourceVersion + 1;
        else if (_events.Count > 0) oldest = _events[0].ResourceVersion;
        else oldest = _listResourceVersion + 1;
        if (resourceVersion < oldest - 1)
            return ([], $"too old resource version: {resourceVersion} ({oldest - 1})");
        return (_events.Where(e => e.ResourceVersion > resourceVersion).ToList(), null);
    }
}
