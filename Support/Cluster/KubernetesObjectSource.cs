using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// <see cref="IObjectSource"/> over KubernetesClient. Named objects of any API group go through the
/// custom-objects API (it addresses /apis/&lt;group&gt;/&lt;version&gt;, which serves built-in groups too);
/// the core group ("v1") is served for Pods, the only core objects the suite waits on.
/// </summary>
public sealed class KubernetesObjectSource(IKubernetes client) : IObjectSource
{
    public async Task<(JsonNode? Object, string ResourceVersion)> ListAsync(ObjectRef obj, CancellationToken ct)
    {
        var selector = "metadata.name=" + obj.Name;
        if (obj.Group == "")
        {
            RequirePod(obj);
            var pods = await client.CoreV1.ListNamespacedPodAsync(obj.Namespace, fieldSelector: selector, cancellationToken: ct);
            return (pods.Items.Count == 0 ? null : ToNode(pods.Items[0]), pods.Metadata.ResourceVersion);
        }
        var list = ToNode(obj.Namespace is null
            ? await client.CustomObjects.ListClusterCustomObjectAsync(obj.Group, obj.Version, obj.Plural, fieldSelector: selector, cancellationToken: ct)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync(obj.Group, obj.Version, obj.Namespace, obj.Plural, fieldSelector: selector, cancellationToken: ct));
        var items = list?["items"] as JsonArray;
        return (items is { Count: > 0 } ? items[0]!.DeepClone() : null, (string?)list?["metadata"]?["resourceVersion"] ?? "");
    }

    public async IAsyncEnumerable<ObjectChange> WatchAsync(ObjectRef obj, string resourceVersion, [EnumeratorCancellation] CancellationToken ct)
    {
        var selector = "metadata.name=" + obj.Name;
        if (obj.Group == "")
        {
            RequirePod(obj);
            var pods = client.CoreV1.WatchListNamespacedPodAsync(obj.Namespace, fieldSelector: selector,
                resourceVersion: resourceVersion, cancellationToken: ct);
            await foreach (var (type, pod) in pods)
                if (type != WatchEventType.Error && type != WatchEventType.Bookmark) yield return new(type.ToString().ToUpperInvariant(), ToNode(pod));
            yield break;
        }
        var changes = obj.Namespace is null
            ? client.CustomObjects.WatchListClusterCustomObjectAsync(obj.Group, obj.Version, obj.Plural,
                fieldSelector: selector, resourceVersion: resourceVersion, cancellationToken: ct)
            : client.CustomObjects.WatchListNamespacedCustomObjectAsync(obj.Group, obj.Version, obj.Namespace, obj.Plural,
                fieldSelector: selector, resourceVersion: resourceVersion, cancellationToken: ct);
        await foreach (var (type, item) in changes)
            // An ERROR event (e.g. 410 Gone: resourceVersion too old) ends this watch; the waiter lists again.
            if (type == WatchEventType.Error) yield break;
            else if (type != WatchEventType.Bookmark) yield return new(type.ToString().ToUpperInvariant(), ToNode(item));
    }

    public async Task<IReadOnlyList<string>> RecentEventsAsync(ObjectRef obj, int max, CancellationToken ct)
    {
        if (obj.Namespace is null) return [];
        var events = await client.CoreV1.ListNamespacedEventAsync(obj.Namespace,
            fieldSelector: $"involvedObject.name={obj.Name},involvedObject.kind={obj.Kind}", cancellationToken: ct);
        return events.Items
            .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp)
            .TakeLast(max)
            .Select(e => $"{e.LastTimestamp ?? e.EventTime:O} {e.Type} {e.Reason} (x{e.Count ?? 1}): {e.Message}")
            .ToList();
    }

    internal static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)),
    };

    private static void RequirePod(ObjectRef obj)
    {
        if (obj.Kind != "Pod")
            throw new NotSupportedException($"Waiting on core {obj.Kind} objects is not supported (only Pods): {obj}.");
    }
}
