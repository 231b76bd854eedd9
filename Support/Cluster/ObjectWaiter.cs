using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Event-driven waits on one object: list it by name, and if it is not there yet, watch it from the list's
/// resourceVersion (so no change between the two is missed) until the predicate holds or the named budget runs
/// out. A timeout names what was awaited, the last state seen and the object's recent events.
/// </summary>
public sealed class ObjectWaiter(IObjectSource source, WaitBudgets budgets, ScenarioTimeline? timeline = null)
{
    public async Task<JsonNode?> WaitAsync(ObjectRef obj, string waitedFor, string budgetName,
        Func<JsonNode?, WaitVerdict> predicate, CancellationToken ct = default)
    {
        var budget = budgets[budgetName];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(budget);
        var lastSeen = "nothing yet";
        timeline?.Record("cluster", $"waiting for {obj} {waitedFor} (budget {budgetName} {budget.TotalSeconds:0}s)");
        try
        {
            while (true)
            {
                var (current, resourceVersion) = await source.ListAsync(obj, deadline.Token);
                var verdict = predicate(current);
                lastSeen = verdict.State;
                if (verdict.Done) return Done(obj, waitedFor, current);
                await foreach (var change in source.WatchAsync(obj, resourceVersion, deadline.Token))
                {
                    var seen = change.Type == "DELETED" ? null : change.Object;
                    verdict = predicate(seen);
                    lastSeen = verdict.State;
                    if (verdict.Done) return Done(obj, waitedFor, seen);
                }
                // The server closed the watch (timeout or expired resourceVersion): list again, still within budget.
            }
        }
        // The budget ran out; depending on where the stream was, that surfaces as a cancellation or an aborted read.
        catch (Exception e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
        {
            var events = await EventsOrNote(obj);
            timeline?.Record("cluster", $"timed out waiting for {obj} {waitedFor}; last seen: {lastSeen}");
            throw new WaitTimeoutException($"{obj} {waitedFor}", budgetName, budget, lastSeen, events);
        }
    }

    public Task<JsonNode?> ConditionAsync(ObjectRef obj, string conditionType, string budgetName, CancellationToken ct = default) =>
        WaitAsync(obj, $"to have condition {conditionType}=True for its current generation", budgetName,
            o => ObjectState.ConditionTrue(o, conditionType), ct);

    public Task GoneAsync(ObjectRef obj, string budgetName, CancellationToken ct = default) =>
        WaitAsync(obj, "to be gone", budgetName,
            o => o is null ? new WaitVerdict(true, "gone") : new WaitVerdict(false, DeletionState(o)), ct);

    private static string DeletionState(JsonNode o) =>
        (string?)o["metadata"]?["deletionTimestamp"] is { } since
            ? $"terminating since {since}, finalizers [{string.Join(", ", (o["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => (string?)f))}]"
            : "still present, not terminating";

    private JsonNode? Done(ObjectRef obj, string waitedFor, JsonNode? current)
    {
        timeline?.Record("cluster", $"{obj} {waitedFor}: done");
        return current;
    }

    private async Task<string> EventsOrNote(ObjectRef obj)
    {
        try
        {
            using var cts = new CancellationTokenSource(budgets[WaitBudgets.Names.ApiCall]);
            return string.Join(Environment.NewLine, await source.RecentEventsAsync(obj, 10, cts.Token));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"(events could not be read: {e.Message})";
        }
    }
}
