using InferenceBox.Specs.Support.Waiting;
using k8s;
using k8s.Autorest;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// An event-driven wait: read the state, and if it is not there yet, watch from the resourceVersion of that read
/// (so no change is missed) and read again on every event. A watch the server closes is re-opened from a fresh
/// read. Bounded by a named budget; the timeout names what was awaited and the last state read.
/// </summary>
internal static class KubeWatch
{
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<(T State, string ResourceVersion)>> read,
        Func<string, CancellationToken, IAsyncEnumerable<object?>> watchFrom,
        Func<T, bool> done, Func<T, string> describe,
        string waitedFor, string budgetName, TimeSpan budget, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(budget);
        // Paces re-opening a watch that keeps failing at once; events themselves are handled as they come.
        using var reopen = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var lastSeen = "nothing read yet";
        try
        {
            do
            {
                try
                {
                    var (state, version) = await read(deadline.Token);
                    lastSeen = describe(state);
                    if (done(state)) return state;
                    await foreach (var _ in watchFrom(version, deadline.Token))
                    {
                        (state, version) = await read(deadline.Token);
                        lastSeen = describe(state);
                        if (done(state)) return state;
                    }
                }
                catch (Exception e) when (e is HttpOperationException or KubernetesException or HttpRequestException)
                {
                    lastSeen += $" (then the API failed: {e.Message})";
                }
            }
            while (await reopen.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        throw new WaitTimeoutException(waitedFor, budgetName, budget, lastSeen);
    }

    /// <summary>Drops the event payloads: the wait re-reads the state on every event anyway.</summary>
    public static async IAsyncEnumerable<object?> Events<T>(IAsyncEnumerable<(WatchEventType, T)> events)
    {
        await foreach (var (_, item) in events) yield return item;
    }
}
