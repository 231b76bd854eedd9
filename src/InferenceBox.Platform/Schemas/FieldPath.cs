using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas;

/// <summary>Turns a JSON Pointer into the field path people read: <c>/spec/containers/0/image</c> → <c>.spec.containers[0].image</c>.</summary>
public static class FieldPath
{
    public static string From(string pointer, JsonNode? instance)
    {
        if (pointer is "" or "/" or "#") return ".";
        var path = "";
        var node = instance;
        foreach (var raw in pointer.TrimStart('#').TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (node is JsonArray array && int.TryParse(segment, out var index))
            {
                path += $"[{index}]";
                node = index < array.Count ? array[index] : null;
            }
            else
            {
                path = Child(path, segment);
                node = node is JsonObject obj ? obj[segment] : null;
            }
        }
        return path;
    }

    public static string Child(string path, string name)
    {
        var parent = path == "." ? "" : path;
        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') ? $"{parent}.{name}" : $"{parent}[\"{name}\"]";
    }
}
