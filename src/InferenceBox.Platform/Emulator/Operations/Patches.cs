using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// The non-apply patch types (kubernetes/apiserver@v0.32.5 pkg/endpoints/handlers/patch.go): JSON merge patch
/// (RFC 7386), JSON patch (RFC 6902), and strategic merge patch for built-in kinds (maps merge; lists whose schema
/// says <c>x-kubernetes-patch-strategy: merge</c> merge by their <c>x-kubernetes-patch-merge-key</c>; other lists
/// are replaced; the <c>$patch</c>/<c>$setElementOrder</c> directives are not imitated). Custom resources refuse
/// strategic merge patch with 415, as the apiextensions server does.
/// </summary>
public static class Patches
{
    public const string Merge = "application/merge-patch+json";
    public const string Json = "application/json-patch+json";
    public const string Strategic = "application/strategic-merge-patch+json";
    public const string Apply = "application/apply-patch+yaml";

    public static JsonObject ApplyMergePatch(JsonObject target, JsonObject patch) => (JsonObject)MergeValue(target, patch)!;

    private static JsonNode? MergeValue(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergeValue(result[key], value);
        }
        return result;
    }

    public static JsonObject ApplyStrategicMergePatch(JsonObject target, JsonObject patch, SchemaNode? schema) =>
        (JsonObject)Strategic_(target, patch, schema)!;

    private static JsonNode? Strategic_(JsonNode? target, JsonNode? patch, SchemaNode? schema)
    {
        if (patch is JsonArray items && target is JsonArray existing && schema?.ListMapKeys is [var key, ..] && schema.ListType == "map")
        {
            var result = (JsonArray)existing.DeepClone();
            foreach (var item in items)
            {
                var index = result.ToList().FindIndex(e => JsonNode.DeepEquals(e?[key], item?[key]));
                if (index < 0) result.Add(item?.DeepClone());
                else result[index] = Strategic_(result[index], item, schema.Items);
            }
            return result;
        }
        if (patch is not JsonObject p) return patch?.DeepClone();
        var merged = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (k, value) in p)
        {
            if (value is null) merged.Remove(k);
            else merged[k] = Strategic_(merged[k], value, schema?.Property(k));
        }
        return merged;
    }

    public static JsonObject ApplyJsonPatch(JsonObject target, JsonArray operations)
    {
        var doc = (JsonObject)target.DeepClone();
        foreach (var op in operations)
        {
            var name = op?["op"]?.GetValue<string>();
            var path = op?["path"]?.GetValue<string>() ?? throw ApiError.BadRequest("the JSON patch operation has no path");
            switch (name)
            {
                case "add": Add(doc, path, op!["value"]?.DeepClone()); break;
                case "replace": Remove(doc, path); Add(doc, path, op!["value"]?.DeepClone()); break;
                case "remove": Remove(doc, path); break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(doc, path), op!["value"])) throw ApiError.Invalid("", "", "", [FieldError.Invalid("patch", null, "testing value failed")]);
                    break;
                case "copy": Add(doc, path, Find(doc, op!["from"]!.GetValue<string>())?.DeepClone()); break;
                case "move":
                    var from = op!["from"]!.GetValue<string>();
                    var moved = Find(doc, from)?.DeepClone();
                    Remove(doc, from);
                    Add(doc, path, moved);
                    break;
                default: throw ApiError.BadRequest($"Unexpected kind: {name}");
            }
        }
        return doc;
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject doc, string pointer)
    {
        var segments = pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
        if (segments.Count == 0) throw ApiError.BadRequest($"jsonpatch: invalid path {pointer}");
        JsonNode? node = doc;
        foreach (var s in segments.Take(segments.Count - 1))
            node = node is JsonArray a && int.TryParse(s, out var i) && i < a.Count ? a[i] : node is JsonObject o ? o[s] : null;
        return (node ?? throw ApiError.Unknown($"add operation does not apply: doc is missing path: \"{pointer}\": missing value"), segments[^1]);
    }

    private static JsonNode? Find(JsonObject doc, string pointer)
    {
        var (parent, last) = Parent(doc, pointer);
        return parent is JsonArray a && int.TryParse(last, out var i) && i < a.Count ? a[i] : parent is JsonObject o ? o[last] : null;
    }

    private static void Add(JsonObject doc, string pointer, JsonNode? value)
    {
        var (parent, last) = Parent(doc, pointer);
        if (parent is JsonArray a)
        {
            if (last == "-") a.Add(value);
            else a.Insert(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture), value);
        }
        else ((JsonObject)parent)[last] = value;
    }

    private static void Remove(JsonObject doc, string pointer)
    {
        var (parent, last) = Parent(doc, pointer);
        if (parent is JsonArray a && int.TryParse(last, out var i) && i < a.Count) a.RemoveAt(i);
        else if (parent is JsonObject o && !o.Remove(last))
            throw ApiError.Unknown($"remove operation does not apply: doc is missing path: \"{pointer}\"");
    }

    public static JsonNode ParseBody(string body, string contentType)
    {
        try
        {
            if (contentType == Apply && !body.TrimStart().StartsWith('{'))
                return Manifests.YamlJson.ParseAll(body, "apply patch").FirstOrDefault()?.Node ?? new JsonObject();
            return JsonNode.Parse(body) ?? throw ApiError.BadRequest("the request body is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw contentType == Apply
                ? ApiError.BadRequest($"error decoding YAML: {e.Message}")
                : ApiError.BadRequest($"error decoding patch: {e.Message}");
        }
    }
}
