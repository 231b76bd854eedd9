using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>A change to one watched object (Deleted carries the object's last state).</summary>
public sealed record ObjectChange(string Type, JsonNode? Object);

/// <summary>
/// Reading and watching single objects as JSON. The port the waits stand on; <see cref="KubernetesObjectSource"/>
/// is the adapter over KubernetesClient, tests use a fake.
/// </summary>
public interface IObjectSource
{
    /// <summary>Lists the object by name: its JSON (null when absent) and the list's resourceVersion to watch from.</summary>
    Task<(JsonNode? Object, string ResourceVersion)> ListAsync(ObjectRef obj, CancellationToken ct);

    /// <summary>Changes to the object after <paramref name="resourceVersion"/>; ends when the server closes the watch.</summary>
    IAsyncEnumerable<ObjectChange> WatchAsync(ObjectRef obj, string resourceVersion, CancellationToken ct);

    /// <summary>The object's most recent events, one line each, oldest first.</summary>
    Task<IReadOnlyList<string>> RecentEventsAsync(ObjectRef obj, int max, CancellationToken ct);
}
