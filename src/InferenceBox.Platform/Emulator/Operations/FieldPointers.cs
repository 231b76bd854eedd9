using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>JSON Pointers of an evaluated instance, as Kubernetes field paths and as the values they point at.</summary>
public static class FieldPointers
{
    /// <summary>JSON Pointer → Kubernetes field path: <c>/spec/containers/0/image</c> → <c>spec.containers[0].image</c>.</summary>
    public static string Path(string pointer)
    {
        var path = "";
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            path = int.TryParse(segment, out var i) && !segment.StartsWith('+') ? $"{path}[{i}]" : Join(path, segment);
        }
        return path;
    }

    public static string Join(string parent, string child) => parent.Length == 0 ? child : child.StartsWith('[') ? parent + child : $"{parent}.{child}";

    public static JsonNode? At(JsonNode instance, string pointer)
    {
        JsonNode? node = instance;
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                JsonObject o => o[segment],
                _ => null,
            };
        }
        return node;
    }
}
