using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

public sealed partial class ClusterDriver : IClusterEvidenceSource
{
    /// <summary>
    /// The involved objects (Secrets by name only), their events, and the logs since the scenario started of the pods
    /// behind them: an InferenceService's predictor pods, and the scenario's own client pods.
    /// </summary>
    public async Task<ClusterEvidence> CollectAsync(IReadOnlyList<ObjectRef> objects, DateTimeOffset since, CancellationToken ct)
    {
        var found = new Dictionary<string, string>();
        var events = new Dictionary<string, IReadOnlyList<string>>();
        var logs = new Dictionary<string, string>();
        var selectors = new HashSet<(string Namespace, string Selector)>();
        foreach (var obj in objects)
        {
            var key = obj.ToString();
            try
            {
                if (obj.Kind == "Secret") found[key] = "\"(Secret contents are never recorded)\"";
                else found[key] = await ReadAsync(obj, ct) is JsonObject json ? WithoutNoise(json) : "null (not found)";
                events[key] = await EventsAsync(obj, 20, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                found[key] = $"\"could not be read: {e.Message}\"";
            }
            if (obj.Namespace is null) continue;
            if (obj.Kind == "InferenceService") selectors.Add((obj.Namespace, $"serving.kserve.io/inferenceservice={obj.Name}"));
            if (obj.Kind == "Pod") selectors.Add((obj.Namespace, $"inferencebox.dev/scenario={resources.Scenario.Hash}"));
        }
        foreach (var (ns, selector) in selectors)
        {
            try
            {
                foreach (var (name, log) in await PodLogsAsync(ns, selector, since, ct)) logs[name] = log;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logs[$"{ns}/{selector}"] = $"(logs could not be read: {e.Message})";
            }
        }
        return new ClusterEvidence(found, events, logs);
    }

    // managedFields repeat the whole object per field manager; they help nobody read a failure.
    private static string WithoutNoise(JsonObject json)
    {
        (json["metadata"] as JsonObject)?.Remove("managedFields");
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
