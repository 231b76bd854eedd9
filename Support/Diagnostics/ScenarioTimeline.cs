using System.Collections.Concurrent;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Diagnostics;

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
    private readonly ConcurrentQueue<(string Driver, GatewayExchange Exchange)> _exchanges = new();
    private readonly ConcurrentDictionary<ObjectRef, byte> _involved = new();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public IReadOnlyList<TimelineEntry> Entries => [.. _entries];
    public IReadOnlyList<GatewayExchange> Exchanges => [.. _exchanges.Select(e => e.Exchange)];
    public IReadOnlyList<ObjectRef> Involved => [.. _involved.Keys];

    public void Record(string driver, string what) => _entries.Enqueue(new(DateTimeOffset.UtcNow, driver, what));

    /// <summary>The exchanges one driver recorded ("gateway", "ai-gateway"), in order.</summary>
    public IReadOnlyList<GatewayExchange> ExchangesOf(string driver) => [.. _exchanges.Where(e => e.Driver == driver).Select(e => e.Exchange)];

    /// <summary>
    /// An exchange, and a line for it: the token's claims, never the token (an exchange holds none; a token a client put in
    /// the URL's query is taken out of the line by <see cref="Redactor"/>, and out of every file written).
    /// </summary>
    public void RecordExchange(GatewayExchange exchange, string driver = GatewayDriver.TimelineName)
    {
        _exchanges.Enqueue((driver, exchange));
        var claims = exchange.TokenClaims is { } c ? $"; token claims {string.Join(", ", c.Select(kv => $"{kv.Key}={kv.Value}"))}" : "; no token";
        Record(driver, Redactor.Redact($"{exchange.Method} {exchange.Url.PathAndQuery} -> {exchange.StatusCode} in " +
                                       $"{exchange.Latency.TotalMilliseconds:0}ms (request id {exchange.RequestId}){claims}"));
    }

    /// <summary>Marks an object whose state, events and pod logs belong in the diagnostics if the scenario fails.</summary>
    public void Involve(ObjectRef obj) => _involved.TryAdd(obj, 0);
}
