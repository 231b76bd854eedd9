using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Cluster;

/// <summary>Verdicts on a pod's containers, for the client pods of in-mesh calls.</summary>
public static class ObjectState
{
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
}
