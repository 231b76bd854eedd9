using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>Whether an object has reached what a wait asks for, and a one-line description of what it looks like now.</summary>
public sealed record WaitVerdict(bool Done, string State);

/// <summary>
/// Reads the generic shape every Kubernetes object shares (metadata, status.conditions) from its JSON, so waits
/// work the same for InferenceServices, Deployments, CRDs and Pods.
/// </summary>
public static class ObjectState
{
    /// <summary>
    /// Condition <paramref name="type"/> is "True" AND the status describes the current spec: when the object reports
    /// an observedGeneration (top level or on the condition), it must equal metadata.generation.
    /// </summary>
    public static WaitVerdict ConditionTrue(JsonNode? obj, string type)
    {
        if (obj is null) return new(false, "not found");
        var generation = obj["metadata"]?["generation"]?.GetValue<long>();
        var condition = Conditions(obj).FirstOrDefault(c => (string?)c["type"] == type);
        var observed = obj["status"]?["observedGeneration"]?.GetValue<long>() ?? condition?["observedGeneration"]?.GetValue<long>();
        var summary = Summary(obj);
        if (condition is null) return new(false, $"no {type} condition yet; {summary}");
        if (generation is { } g && observed is { } o && o != g)
            return new(false, $"status describes generation {o}, spec is at {g}; {summary}");
        return new((string?)condition["status"] == "True", summary);
    }

    /// <summary>A container has terminated, or the whole pod has finished.</summary>
    public static WaitVerdict ContainerTerminated(JsonNode? pod, string container)
    {
        if (pod is null) return new(false, "pod not found");
        var phase = (string?)pod["status"]?["phase"] ?? "Unknown";
        var status = (pod["status"]?["containerStatuses"] as JsonArray)?.FirstOrDefault(c => (string?)c?["name"] == container);
        var state = status?["state"];
        var terminated = state?["terminated"];
        var waiting = (string?)state?["waiting"]?["reason"];
        var described = $"phase {phase}, container {container}: " +
                        (terminated is not null ? $"terminated (exit {terminated["exitCode"]})" : waiting ?? (state is null ? "no status yet" : "running"));
        return new(terminated is not null || phase is "Succeeded" or "Failed", described);
    }

    public static IEnumerable<JsonNode> Conditions(JsonNode? obj) =>
        (obj?["status"]?["conditions"] as JsonArray)?.OfType<JsonNode>() ?? [];

    /// <summary>"Ready=False (RevisionMissing: …), IngressReady=True" — what a timeout message shows.</summary>
    public static string Summary(JsonNode obj)
    {
        var conditions = Conditions(obj).Select(c =>
            $"{c["type"]}={c["status"]}" + ((string?)c["reason"] is { Length: > 0 } r || (string?)c["message"] is { Length: > 0 }
                ? $" ({c["reason"]}{((string?)c["message"] is { Length: > 0 } m ? ": " + m : "")})" : "")).ToList();
        return conditions.Count == 0 ? "no conditions" : string.Join(", ", conditions);
    }
}
