using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Cluster;

public sealed partial class ClusterApi
{
    /// <summary>
    /// The most recent events, oldest first, of the object and of the objects named after it (a Deployment's
    /// ReplicaSets and Pods, an InferenceService's predictor revisions and pods): what a timeout message needs.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecentEventsAsync(ObjectRef target, int max, CancellationToken ct)
    {
        if (target.Namespace is null) return [];
        var events = await ResolveAsync("v1", "Event", ct);
        var (items, _) = await ListAsync(events, target.Namespace, null, null, ct);
        return items
            .Where(e => (string?)e["involvedObject"]?["name"] is { } name
                        && (name == target.Name || name.StartsWith(target.Name + "-", StringComparison.Ordinal)))
            .OrderBy(When)
            .TakeLast(max)
            .Select(e => $"{When(e)} {e["type"]} {e["reason"]} {e["involvedObject"]?["kind"]}/{e["involvedObject"]?["name"]}" +
                         $" (x{(e["count"] as JsonValue)?.ToString() ?? "1"}): {e["message"]}")
            .ToList();
    }

    private static string When(JsonObject e) =>
        (string?)e["lastTimestamp"] ?? (string?)e["eventTime"] ?? (string?)e["metadata"]?["creationTimestamp"] ?? "";
}
