using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>Reads, removes and merges values at <see cref="FieldSet"/> paths of an object.</summary>
public static class FieldPaths
{
    public static JsonNode? ValueAt(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var element in path)
        {
            node = Step(node, element, out _);
            if (node is null) return null;
        }
        return node;
    }

    public static void RemoveAt(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0) return;
        var parent = ValueAt(root, path.Take(path.Count - 1).ToList());
        var last = path[^1];
        switch (parent)
        {
            case JsonObject map when last.StartsWith("f:", StringComparison.Ordinal):
                map.Remove(last[2..]);
                break;
            case JsonArray list:
                Step(list, last, out var index);
                if (index >= 0) list.RemoveAt(index);
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string element, out int index)
    {
        index = -1;
        switch (element[..2])
        {
            case "f:":
                return node is JsonObject map ? map[element[2..]] : null;
            case "i:" when node is JsonArray list && int.TryParse(element[2..], out var i) && i < list.Count:
                index = i;
                return list[i];
            case "k:" when node is JsonArray list:
                var key = JsonNode.Parse(element[2..]) as JsonObject ?? [];
                index = list.ToList().FindIndex(item => key.All(k => JsonNode.DeepEquals(item?[k.Key], k.Value)));
                return index < 0 ? null : list[index];
            case "v:" when node is JsonArray list:
                var value = JsonNode.Parse(element[2..]);
                index = list.ToList().FindIndex(item => JsonNode.DeepEquals(item, value));
                return index < 0 ? null : list[index];
            default:
                return null;
        }
    }

    /// <summary>
    /// <paramref name="applied"/> laid over <paramref name="live"/> the way structured-merge-diff merges: granular
    /// maps field by field, map-lists element by key, sets by value, everything else (atomic) replaced.
    /// </summary>
    public static JsonObject Merge(JsonObject live, JsonObject applied, SchemaNode? schema)
    {
        var result = (JsonObject)live.DeepClone();
        foreach (var (key, value) in applied)
            result[key] = MergeValue(live[key], value, schema?.Property(key));
        return result;
    }

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? applied, SchemaNode? schema)
    {
        if (live is JsonObject l && applied is JsonObject a && schema?.IsAtomicMap != true)
            return Merge(l, a, schema);
        if (live is JsonArray lives && applied is JsonArray applieds && schema?.ListType is "map" or "set")
        {
            var result = (JsonArray)lives.DeepClone();
            foreach (var item in applieds)
            {
                var element = schema.ListType == "set" ? "v:" + (item?.ToJsonString() ?? "null") : FieldSet.ElementKey(item, schema.ListMapKeys);
                Step(result, element, out var index);
                if (index < 0) result.Add(item?.DeepClone());
                else if (schema.ListType == "map" && result[index] is JsonObject existing && item is JsonObject incoming)
                    result[index] = Merge(existing, incoming, schema.Items);
            }
            return result;
        }
        return applied?.DeepClone();
    }
}
