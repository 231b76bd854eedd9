using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// A set of field paths in the <c>FieldsV1</c> form of managedFields (kubernetes-sigs/structured-merge-diff as
/// kubernetes/apimachinery@v0.32.5 pkg/util/managedfields uses it): <c>f:&lt;name&gt;</c> for a field,
/// <c>k:{"name":"c"}</c> for an element of a map-list, <c>v:&lt;json&gt;</c> for a set element, <c>i:&lt;n&gt;</c>
/// for an element of an atomic list; <c>.</c> marks an element that is owned itself.
/// </summary>
public sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);
    private bool _self; // owned itself: a leaf value, or a list element (".")

    public bool IsEmpty => _children.Count == 0 && !_self;

    /// <summary>The fields <paramref name="obj"/> sets, by its schema; apiVersion, kind and server-owned metadata are left out (stripmeta.go).</summary>
    public static FieldSet Of(JsonObject obj, SchemaNode? schema)
    {
        var set = new FieldSet();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (key == "metadata" && value is JsonObject meta)
            {
                var metaSet = new FieldSet();
                foreach (var (m, v) in meta)
                    if (m is "labels" or "annotations" or "finalizers" or "ownerReferences")
                        metaSet.Child("f:" + m).Add(v, schema?.Property("metadata")?.Property(m));
                if (!metaSet.IsEmpty) set._children["f:metadata"] = metaSet;
                continue;
            }
            set.Child("f:" + key).Add(value, schema?.Property(key));
        }
        return set;
    }

    private FieldSet Child(string key)
    {
        if (!_children.TryGetValue(key, out var child)) _children[key] = child = new FieldSet();
        return child;
    }

    private void Add(JsonNode? value, SchemaNode? schema)
    {
        switch (value)
        {
            case JsonObject map when map.Count > 0 && schema?.IsAtomicMap != true && !(schema?.PreservesUnknownFields == true && !schema.Properties.Any()):
                foreach (var (k, v) in map) Child("f:" + k).Add(v, schema?.Property(k));
                break;
            case JsonArray list when list.Count > 0 && schema?.ListType is "map" or "set":
                foreach (var item in list)
                {
                    if (schema.ListType == "set") { Child("v:" + (item?.ToJsonString() ?? "null"))._self = true; continue; }
                    var element = Child(ElementKey(item, schema.ListMapKeys));
                    element._self = true;
                    if (item is JsonObject fields)
                        foreach (var (k, v) in fields) element.Child("f:" + k).Add(v, schema.Items?.Property(k));
                }
                break;
            default:
                _self = true;
                break;
        }
    }

    public static string ElementKey(JsonNode? item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal)) key[name] = item?[name]?.DeepClone();
        return "k:" + key.ToJsonString();
    }

    /// <summary>Every owned path (leaf values and owned list elements), as element lists.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        if (_self) yield return [];
        foreach (var (key, child) in _children)
            foreach (var path in child.Paths()) yield return [key, .. path];
    }

    public bool Contains(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
            if (!node._children.TryGetValue(element, out node)) return false;
        return node._self;
    }

    public void Remove(IReadOnlyList<string> path)
    {
        if (path.Count == 0) { _self = false; return; }
        if (!_children.TryGetValue(path[0], out var child)) return;
        child.Remove(path.Skip(1).ToList());
        if (child.IsEmpty) _children.Remove(path[0]);
    }

    public void Union(FieldSet other)
    {
        _self |= other._self;
        foreach (var (key, child) in other._children) Child(key).Union(child);
    }

    public JsonObject ToFieldsV1()
    {
        var json = new JsonObject();
        if (_self && _children.Count > 0) json["."] = new JsonObject();
        foreach (var (key, child) in _children) json[key] = child.ToFieldsV1();
        return json;
    }

    public static FieldSet FromFieldsV1(JsonNode? json)
    {
        var set = new FieldSet();
        foreach (var (key, child) in json as JsonObject ?? []) set._children[key] = Parse(child);
        return set;
    }

    private static FieldSet Parse(JsonNode? json)
    {
        var set = new FieldSet();
        var map = json as JsonObject ?? [];
        if (map.Count == 0) set._self = true;
        foreach (var (key, child) in map)
        {
            if (key == ".") set._self = true;
            else set._children[key] = Parse(child);
        }
        return set;
    }

    /// <summary>structured-merge-diff's printed form: <c>.spec.containers[name="c"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path) => string.Concat(path.Select(e => e[..2] switch
    {
        "f:" => "." + e[2..],
        "k:" => "[" + string.Join(",", (JsonNode.Parse(e[2..]) as JsonObject ?? []).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) + "]",
        "v:" => "[=" + e[2..] + "]",
        _ => "[" + e[2..] + "]",
    }));
}
