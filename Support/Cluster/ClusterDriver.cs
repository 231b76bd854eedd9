using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;
using k8s;
using k8s.Autorest;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// What scenarios do in the cluster, on the one adapter (<see cref="ClusterApi"/>): apply their own objects, wait
/// (list, then watch) with named budgets, delete-and-wait-until-gone, in-mesh client pods, access reviews, logs and
/// events. Objects it creates for a scenario are uniquely named, labelled with the run id and tracked for cleanup.
/// </summary>
public sealed partial class ClusterDriver(ClusterApi api, RunContext run, ScenarioResources resources, ScenarioTimeline timeline)
{
    /// <summary>Applies an object the scenario owns: labelled with the run id, tracked, deleted after the scenario.</summary>
    public async Task<ObjectRef> ApplyOwnedAsync(JsonObject manifest, CancellationToken ct = default)
    {
        var target = ObjectRef.Of(manifest);
        resources.Track(target);
        timeline.Involve(target);
        timeline.Record("cluster", $"apply {target}");
        var labelled = (JsonObject)manifest.DeepClone();
        var metadata = labelled["metadata"] as JsonObject ?? throw new InvalidDataException($"{target} has no metadata.");
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in resources.Labels) labels[key] = value;
        metadata["labels"] = labels;
        await api.ApplyObjectAsync(labelled, $"scenario {resources.Scenario.Hash}", ct);
        return target;
    }

    /// <summary>Waits (list, then watch) until <paramref name="verdictOf"/> is done for the object (null: absent).</summary>
    public async Task<JsonObject?> WaitAsync(ObjectRef obj, string waitedFor, string budgetName, Func<JsonObject?, WaitVerdict> verdictOf,
        CancellationToken ct = default)
    {
        timeline.Involve(obj);
        timeline.Record("cluster", $"waiting for {obj} {waitedFor} (budget {budgetName} {run.Budgets[budgetName].TotalSeconds:0}s)");
        var r = await api.ResolveAsync(obj.ApiVersion, obj.Kind, ct);
        try
        {
            var found = await api.UntilAsync(WatchTarget.Named(r, obj.Namespace, obj.Name), f => verdictOf(f.FirstOrDefault()),
                $"{obj} {waitedFor}", budgetName, run.Budgets[budgetName], ct);
            timeline.Record("cluster", $"{obj} {waitedFor}: done");
            return found.FirstOrDefault();
        }
        catch (WaitTimeoutException e)
        {
            timeline.Record("cluster", $"timed out waiting for {obj} {waitedFor}; last seen: {e.LastSeen}");
            throw;
        }
    }

    /// <summary>Deletes (foreground) and waits until the API no longer returns the object.</summary>
    public async Task DeleteAndWaitAsync(ObjectRef obj, CancellationToken ct = default)
    {
        timeline.Record("cluster", $"delete {obj}");
        if (!await api.DeleteAsync(obj, "Foreground", ct)) return;
        await WaitAsync(obj, "to be gone", WaitBudgets.Names.ObjectDeleted,
            o => o is null ? new WaitVerdict(true, "gone") : new WaitVerdict(false, DeletionState(o)), ct);
    }

    /// <summary>The object as the API server has it now (null when absent).</summary>
    public Task<JsonObject?> ReadAsync(ObjectRef obj, CancellationToken ct = default) => api.GetAsync(obj, ct);

    public Task<IReadOnlyList<string>> EventsAsync(ObjectRef obj, int max = 20, CancellationToken ct = default) =>
        api.RecentEventsAsync(obj, max, ct);

    /// <summary>Logs of every container of the pods matching the selector, since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PodLogsAsync(string ns, string labelSelector, DateTimeOffset since,
        CancellationToken ct = default)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling((DateTimeOffset.UtcNow - since).TotalSeconds));
        var (pods, _) = await api.ListAsync(await api.ResolveAsync("v1", "Pod", ct), ns, labelSelector, null, ct);
        var logs = new Dictionary<string, string>();
        foreach (var pod in pods)
        {
            var name = (string)pod["metadata"]!["name"]!;
            var containers = (pod["spec"]?["initContainers"] as JsonArray ?? []).Concat(pod["spec"]?["containers"] as JsonArray ?? [])
                .Select(c => (string?)c?["name"]).OfType<string>();
            foreach (var container in containers)
            {
                try
                {
                    // Logs are a subresource stream, not an object: KubernetesClient's typed call is the way to them.
                    await using var stream = await api.Client.CoreV1.ReadNamespacedPodLogAsync(name, ns, container: container,
                        sinceSeconds: seconds, cancellationToken: ct);
                    logs[$"{ns}/{name}/{container}"] = await new StreamReader(stream).ReadToEndAsync(ct);
                }
                catch (HttpOperationException e)
                {
                    logs[$"{ns}/{name}/{container}"] = $"(no logs: {(int)e.Response.StatusCode} {e.Response.Content})";
                }
            }
        }
        return logs;
    }

    private static string DeletionState(JsonObject o) =>
        (string?)o["metadata"]?["deletionTimestamp"] is { } since
            ? $"terminating since {since}, finalizers [{string.Join(", ", (o["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => (string?)f))}]"
            : "still present, not terminating";
}
