using InferenceBox.Platform.Cluster;


namespace InferenceBox.Specs.Support.Diagnostics;

/// <summary>What the cluster looked like when a scenario failed: objects (JSON), their events, pod logs.</summary>
public sealed record ClusterEvidence(
    IReadOnlyDictionary<string, string> Objects,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Events,
    IReadOnlyDictionary<string, string> PodLogs);

/// <summary>Collects <see cref="ClusterEvidence"/> for the objects a scenario involved (the cluster driver is the adapter).</summary>
public interface IClusterEvidenceSource
{
    Task<ClusterEvidence> CollectAsync(IReadOnlyList<ObjectRef> objects, DateTimeOffset since, CancellationToken ct);
}
