using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;
using k8s;
using k8s.Autorest;

namespace InferenceBox.Platform.Cluster;

/// <summary>Which objects a wait looks at: one served kind, in one namespace (or all), by field and/or label selector.</summary>
public sealed record WatchTarget(ServedResource Resource, string? Namespace, string? FieldSelector = null, string? LabelSelector = null)
{
    public static WatchTarget Named(ServedResource r, string? ns, string name) => new(r, r.Namespaced ? ns ?? "default" : null, "metadata.name=" + name);
}

// The one list-then-watch loop, as client-go's reflector does it (kubernetes staging/src/k8s.io/client-go/tools/cache/
// reflector.go, ListAndWatch and watch): list, and while the verdict is not reached, watch from the LIST's
// resourceVersion (never an object's own, which may be older than the server's watch window) with bookmarks and a
// server-side timeout of 5 to 10 minutes (minWatchTimeout × (1 + rand)); resume from the last version seen (events and
// bookmarks) when the server closes the watch; list again when it answers 410 Gone ("too old resource version"); back
// off on transport faults. Bounded by a named budget on the injected clock.
public sealed partial class ClusterApi
{
    public async Task<IReadOnlyList<JsonObject>> UntilAsync(WatchTarget target, Func<IReadOnlyList<JsonObject>, WaitVerdict> verdictOf,
        string waitedFor, string budgetName, TimeSpan? budget, CancellationToken ct)
    {
        var limit = budget ?? Budgets[budgetName];
        using var deadline = new CancellationTokenSource(limit, Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var lastSeen = "nothing read yet";
        IReadOnlyList<JsonObject> lastObjects = [];
        var watcher = TransientFaults.Retry(Clock, attempts: null);
        try
        {
            return await watcher.ExecuteAsync(async token =>
            {
                var (items, version) = await ListAsync(target.Resource, target.Namespace, target.LabelSelector, target.FieldSelector, token);
                var objects = items.ToDictionary(Key);
                while (true)
                {
                    lastObjects = [.. objects.Values];
                    var verdict = verdictOf([.. objects.Values]);
                    lastSeen = verdict.State;
                    if (verdict.Done) return (IReadOnlyList<JsonObject>)[.. objects.Values];
                    var outcome = await WatchOnceAsync(target, version, objects, o => verdictOf(o), v => lastSeen = v.State, token);
                    if (outcome.Done) return [.. objects.Values];
                    if (outcome.Expired)
                    {
                        (items, version) = await ListAsync(target.Resource, target.Namespace, target.LabelSelector, target.FieldSelector, token);
                        objects = items.ToDictionary(Key);
                    }
                    else version = outcome.ResourceVersion;
                }
            }, linked.Token);
        }
        // The budget ran out; depending on where the stream was, that surfaces as a cancellation or an aborted read.
        catch (Exception e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested
                                  && e is OperationCanceledException or IOException or HttpRequestException)
        {
            // What it last saw is read once more: the watch may not have delivered the latest change when the budget ran out.
            if (await FinalLookAsync(target) is { } final) (lastObjects, lastSeen) = (final, verdictOf(final).State);
            throw new WaitTimeoutException(waitedFor, budgetName, limit, lastSeen, await EventsOrNoteAsync(target, lastObjects));
        }
    }

    /// <summary>One list within the API-call budget; null when even that fails (the message then keeps the watch's last state).</summary>
    private async Task<IReadOnlyList<JsonObject>?> FinalLookAsync(WatchTarget target)
    {
        using var quick = new CancellationTokenSource(Budgets.ApiCall, Clock);
        try { return (await ListAsync(target.Resource, target.Namespace, target.LabelSelector, target.FieldSelector, quick.Token)).Items; }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    private sealed record WatchOutcome(bool Done, bool Expired, string ResourceVersion);

    private static readonly TimeSpan MinWatchTimeout = TimeSpan.FromMinutes(5);

    private static int WatchTimeoutSeconds() => (int)(MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));

    /// <summary>One watch request, until the verdict is reached, the server closes it, or answers 410.</summary>
    private async Task<WatchOutcome> WatchOnceAsync(WatchTarget target, string version, Dictionary<string, JsonObject> objects,
        Func<IReadOnlyList<JsonObject>, WaitVerdict> verdictOf, Action<WaitVerdict> seen, CancellationToken ct)
    {
        var r = target.Resource;
        Exception? streamError = null;
        void OnError(Exception e) => streamError ??= e;
        IAsyncEnumerable<(WatchEventType, object)> events;
        try
        {
            events = r.Namespaced && target.Namespace is not null
                ? Client.CustomObjects.WatchListNamespacedCustomObjectAsync(r.Group, r.Version, target.Namespace, r.Plural,
                    allowWatchBookmarks: true, fieldSelector: target.FieldSelector, labelSelector: target.LabelSelector,
                    resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds(), onError: OnError, cancellationToken: ct)
                : Client.CustomObjects.WatchListClusterCustomObjectAsync(r.Group, r.Version, r.Plural,
                    allowWatchBookmarks: true, fieldSelector: target.FieldSelector, labelSelector: target.LabelSelector,
                    resourceVersion: version, timeoutSeconds: WatchTimeoutSeconds(), onError: OnError, cancellationToken: ct);
            await foreach (var (type, item) in events)
            {
                if (ToObject(item) is not { } obj) continue;
                version = (string?)obj["metadata"]?["resourceVersion"] ?? version;
                if (type == WatchEventType.Bookmark) continue;
                obj["apiVersion"] ??= r.ApiVersion;
                obj["kind"] ??= r.Kind;
                if (type == WatchEventType.Deleted) objects.Remove(Key(obj));
                else objects[Key(obj)] = obj;
                var verdict = verdictOf([.. objects.Values]);
                seen(verdict);
                if (verdict.Done) return new(true, false, version);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone)
        {
            return new(false, true, version);
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // The server closed a watch that sent nothing (its timeoutSeconds passed quietly): KubernetesClient peeks at
            // the first line and throws instead of ending the stream (kubernetes-client/csharp
            // src/KubernetesClient/LineSeparatedHttpContent.cs, PeekLineAsync). A close, not a fault: resume.
            return new(false, false, version);
        }
        // An ERROR event ends the stream: KubernetesClient hands its Status to onError (kubernetes-client/csharp
        // src/KubernetesClient/Watcher.cs, CreateWatchEventEnumerator); 410 means the version left the window.
        if (streamError is KubernetesException { Status.Code: 410 }) return new(false, true, version);
        if (streamError is KubernetesException k) throw new WatchInterruptedException(k.Status?.Message ?? k.Message, k);
        return new(false, false, version);
    }

    /// <summary>The server ended a watch with an ERROR other than 410: treated as a transport fault (list again, after a backoff).</summary>
    private sealed class WatchInterruptedException(string message, Exception inner) : IOException($"The watch ended with an error: {message}", inner);

    private static string Key(JsonObject o) => $"{(string?)o["metadata"]?["namespace"]}/{(string?)o["metadata"]?["name"]}";

    /// <summary>The recent events of the awaited object (by name), or of the objects last seen (by selector, at most three).</summary>
    private async Task<string?> EventsOrNoteAsync(WatchTarget target, IReadOnlyList<JsonObject> lastObjects)
    {
        var named = target.FieldSelector?.StartsWith("metadata.name=", StringComparison.Ordinal) == true ? target.FieldSelector["metadata.name=".Length..] : null;
        var names = named is not null ? [named] : lastObjects.Select(o => (string?)o["metadata"]?["name"]).OfType<string>().Take(3).ToList();
        if (target.Namespace is null || names.Count == 0) return null;
        using var quick = new CancellationTokenSource(Budgets.ApiCall, Clock);
        try
        {
            var lines = new List<string>();
            foreach (var name in names)
                lines.AddRange(await RecentEventsAsync(new ObjectRef(target.Resource.ApiVersion, target.Resource.Kind, target.Namespace, name), 10, quick.Token));
            return string.Join(Environment.NewLine, lines);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"(events could not be read: {e.Message})";
        }
    }
}
