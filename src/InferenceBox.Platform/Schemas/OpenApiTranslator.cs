using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Translates a Kubernetes-flavoured OpenAPI 3.0 schema into JSON Schema 2020-12, so JsonSchema.Net reads it as
/// the API server means it. The input is never modified; counts the CEL rules it meets, which it cannot check.
/// </summary>
public sealed class OpenApiTranslator
{
    private const string ComponentsPrefix = "#/components/schemas/";

    /// <summary>How many <c>x-kubernetes-validations</c> (CEL) rules the translated schemas hold; not checked.</summary>
    public int CelRules { get; private set; }

    public JsonNode Translate(JsonNode schema, bool isRoot = false)
    {
        if (schema is not JsonObject source) return schema.DeepClone();
        var result = new JsonObject();
        foreach (var (key, value) in source)
            result[key] = key switch
            {
                "properties" or "patternProperties" or "$defs" or "definitions" when value is JsonObject map => TranslateMap(map),
                "additionalProperties" or "items" or "not" or "additionalItems" when value is JsonObject => Translate(value),
                "items" or "allOf" or "anyOf" or "oneOf" when value is JsonArray list =>
                    new JsonArray(list.Select(s => s is null ? null : Translate(s)).ToArray()),
                "$ref" when value?.GetValue<string>() is { } r && r.StartsWith(ComponentsPrefix, StringComparison.Ordinal) =>
                    "#/$defs/" + r[ComponentsPrefix.Length..],
                _ => value?.DeepClone(),
            };
        if (result["x-kubernetes-validations"] is JsonArray rules) CelRules += rules.Count;
        ExclusiveBound(result, "exclusiveMaximum", "maximum");
        ExclusiveBound(result, "exclusiveMinimum", "minimum");
        IntOrString(result);
        UnknownFields(result, isRoot);
        return Nullable(result);
    }

    private JsonObject TranslateMap(JsonObject map)
    {
        var result = new JsonObject();
        foreach (var (name, sub) in map) result[name] = sub is null ? null : Translate(sub);
        return result;
    }

    /// <summary>OpenAPI 3.0: <c>maximum: 600, exclusiveMaximum: true</c>; JSON Schema 2020-12: <c>exclusiveMaximum: 600</c>.</summary>
    private static void ExclusiveBound(JsonObject s, string exclusive, string inclusive)
    {
        if (s[exclusive] is not JsonValue flag || !flag.TryGetValue<bool>(out var isExclusive)) return;
        s.Remove(exclusive);
        if (!isExclusive || s[inclusive] is not { } bound) return;
        s.Remove(inclusive);
        s[exclusive] = bound.DeepClone();
    }

    private static void IntOrString(JsonObject s)
    {
        if (!IsTrue(s, "x-kubernetes-int-or-string")) return;
        s.Remove("type");
        if (!s.ContainsKey("anyOf") && !s.ContainsKey("oneOf"))
            s["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
    }

    /// <summary>
    /// The API server (and kubectl's strict field validation) rejects fields a structural schema does not name,
    /// unless the schema preserves unknown fields. Embedded resources and the root always carry apiVersion, kind
    /// and metadata.
    /// </summary>
    private static void UnknownFields(JsonObject s, bool isRoot)
    {
        if (s["properties"] is not JsonObject properties) return;
        if (isRoot || IsTrue(s, "x-kubernetes-embedded-resource"))
        {
            properties.TryAdd("apiVersion", new JsonObject { ["type"] = "string" });
            properties.TryAdd("kind", new JsonObject { ["type"] = "string" });
            properties.TryAdd("metadata", new JsonObject { ["type"] = "object" });
        }
        if (!s.ContainsKey("additionalProperties") && !IsTrue(s, "x-kubernetes-preserve-unknown-fields"))
            s["additionalProperties"] = false;
    }

    private static JsonObject Nullable(JsonObject s)
    {
        if (!IsTrue(s, "nullable")) return s;
        s.Remove("nullable");
        var composed = s.ContainsKey("$ref") || s.ContainsKey("allOf") || s.ContainsKey("anyOf") || s.ContainsKey("oneOf");
        if (composed) return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, s) };
        if (s["type"] is JsonValue type) s["type"] = new JsonArray(type.DeepClone(), "null");
        if (s["enum"] is JsonArray values && !values.Any(v => v is null)) values.Add(null);
        return s;
    }

    private static bool IsTrue(JsonObject s, string key) =>
        s[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
