using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// A position in a kind's upstream OpenAPI schema (untranslated), following <c>$ref</c>s and the
/// <c>allOf: [{$ref}]</c> wrappers Kubernetes' OpenAPI v3 uses: what server-side apply and CRD defaulting need to
/// know about a field — list type and keys, atomic maps, preserved unknown fields, defaults.
/// </summary>
public sealed class SchemaNode
{
    private readonly IReadOnlyList<JsonObject> _layers;
    private readonly JsonObject _root;

    private SchemaNode(IReadOnlyList<JsonObject> layers, JsonObject root)
    {
        _layers = layers;
        _root = root;
    }

    public static SchemaNode? Of(KindSchema kind) =>
        kind.OpenApi is { } schema && kind.OpenApiRoot is { } root ? Resolve(schema, root) : null;

    private static SchemaNode? Resolve(JsonNode? schema, JsonObject root)
    {
        var layers = new List<JsonObject>();
        var current = schema as JsonObject;
        for (var depth = 0; current is not null && depth < 8; depth++)
        {
            layers.Add(current);
            var reference = current["$ref"]?.GetValue<string>()
                ?? (current["allOf"] is JsonArray { Count: 1 } all ? all[0]?["$ref"]?.GetValue<string>() : null);
            current = reference is null ? null : Lookup(root, reference);
        }
        return layers.Count == 0 ? null : new SchemaNode(layers, root);
    }

    private static JsonObject? Lookup(JsonObject root, string reference)
    {
        JsonNode? node = root;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node?[segment.Replace("~1", "/").Replace("~0", "~")];
        return node as JsonObject;
    }

    private JsonNode? Get(string key) => _layers.Select(l => l[key]).FirstOrDefault(v => v is not null);

    public SchemaNode? Property(string name) =>
        Get("properties")?[name] is { } p ? Resolve(p, _root)
        : Get("additionalProperties") is JsonObject additional ? Resolve(additional, _root)
        : null;

    public SchemaNode? Items => Get("items") is JsonObject items ? Resolve(items, _root) : null;

    /// <summary>atomic (the default), map or set: how apply merges this list.</summary>
    public string ListType => Get("x-kubernetes-list-type")?.GetValue<string>() ?? "atomic";

    public IReadOnlyList<string> ListMapKeys =>
        Get("x-kubernetes-list-map-keys")?.AsArray().Select(k => k!.GetValue<string>()).ToList()
        ?? (Get("x-kubernetes-patch-merge-key")?.GetValue<string>() is { } key && ListType == "map" ? [key] : []);

    public bool IsAtomicMap => Get("x-kubernetes-map-type")?.GetValue<string>() == "atomic";

    public bool PreservesUnknownFields => Get("x-kubernetes-preserve-unknown-fields")?.GetValue<bool>() == true;

    public JsonNode? Default => Get("default");

    /// <summary>A <c>resource.Quantity</c> (the OpenAPI refers to io.k8s.apimachinery.pkg.api.resource.Quantity).</summary>
    public bool IsQuantity => _layers.Any(l =>
        (l["$ref"]?.GetValue<string>() ?? (l["allOf"] is JsonArray { Count: 1 } all ? all[0]?["$ref"]?.GetValue<string>() : null))
            ?.EndsWith(".api.resource.Quantity", StringComparison.Ordinal) == true);

    public IEnumerable<(string Name, SchemaNode Schema)> Properties =>
        (Get("properties") as JsonObject ?? []).Select(p => (p.Key, Resolve(p.Value, _root))).Where(p => p.Item2 is not null)!;

    public SchemaNode? AdditionalProperties => Get("additionalProperties") is JsonObject a ? Resolve(a, _root) : null;
}
