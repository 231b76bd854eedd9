using System.Collections.Concurrent;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Support.Diagnostics;

/// <summary>One thing a driver did (or retried) during a scenario, in order.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Driver, string What);

/// <summary>
/// The per-scenario record drivers write into as they work, so a failed scenario's diagnostics can say what
/// happened in which order, which gateway exchanges took place and which objects were involved.
/// Thread safe: bursts and parallel waits write concurrently.
/// </summary>
public sealed class ScenarioTimeline
{
    private readonly ConcurrentQueue<TimelineEntry> _entries = new();
    private readonly ConcurrentQueue<GatewayExchange> _exchanges = new();
    private readonly ConcurrentDictionary<ObjectRef, byte> _involved = new();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public IReadOnlyList<TimelineEntry> Entries => [.. _entries];
    public IReadOnlyList<GatewayExchange> Exchanges => [.. _exchanges];
    public IReadOnlyList<ObjectRef> Involved => [.. _involved.Keys];

    public void Record(string driver, string what) => _entries.Enqueue(new(DateTimeOffset.UtcNow, driver, what));

    public void RecordExchange(GatewayExchange exchange)
    {
        _exchanges.Enqueue(exchange);
        Record("gateway", $"{exchange.Method} {exchange.Url.PathAndQuery} -> {exchange.StatusCode} in {exchange.Latency.TotalMilliseconds:0}ms (request id {exchange.RequestId})");
    }

    /// <summary>Marks an object whose state, events and pod logs belong in the diagnostics if the scenario fails.</summary>
    public void Involve(ObjectRef obj) => _involved.TryAdd(obj, 0);
}
