using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Why an apply patch cannot be typed. Before merging, server-side apply converts the patch to a typed value
/// (kubernetes/apimachinery@v0.32.5 pkg/util/managedfields/internal/structuredmerge.go, <c>Apply</c>:
/// "failed to create typed patch object (&lt;ns&gt;/&lt;name&gt;; &lt;group/version, Kind=...&gt;): ..."); structured-merge-diff
/// (kubernetes-sigs/structured-merge-diff@v4.4.2 typed/validate.go, typed/helpers.go) refuses an undeclared field
/// ("field not declared in schema") and a scalar of the wrong type. The error is not a Status, so the server
/// answers 500 with an empty reason (responsewriters/status.go, <c>ErrorToAPIStatus</c>).
/// </summary>
public static class ApplyTyping
{
    public static ApiError? Refusal(ApiResource resource, string? ns, string name, JsonObject patch, SchemaNode? schema, SchemaCheck.Result check)
    {
        var errors = check.UnknownFields.Select(u => (Path(patch, schema, u.Pointer), (string?)"field not declared in schema"))
            .Concat(check.Mistyped.Select(m => (Path(patch, schema, m.Pointer), Wrong(m.Expected, m.Value))))
            .Where(e => e.Item2 is not null)
            .Select(e => $"{e.Item1}: {e.Item2}")
            .Distinct().ToList();
        if (errors.Count == 0) return null;
        var text = errors.Count == 1 ? errors[0] : string.Join("\n", new[] { "errors:" }.Concat(errors.Select(e => "  " + e)));
        return ApiError.Unknown($"failed to create typed patch object ({ns}/{name}; {resource.Group}/{resource.Version}, Kind={resource.Kind}): {text}").From("apply");
    }

    /// <summary>typed/validate.go's scalar messages (Go's %T / %#v of the value, as far as JSON values go).</summary>
    private static string? Wrong(string expectedJson, JsonNode? value)
    {
        if (value is null) return null; // null is accepted for any scalar
        var expected = expectedJson.Trim('"', '[', ']').Split(',').Select(t => t.Trim('"')).FirstOrDefault(t => t != "null") ?? "";
        return expected switch
        {
            "integer" or "number" => $"expected numeric (int or float), got {GoType(value)}",
            "string" => $"expected string, got &value.valueUnstructured{{Value:{GoValue(value)}}}",
            "boolean" => $"expected boolean, got &{{{GoValue(value)}}}",
            "object" => $"expected map, got &{{{GoValue(value)}}}",
            "array" => $"expected list, got &{{{GoValue(value)}}}",
            _ => null,
        };
    }

    private static string GoType(JsonNode value) => value switch
    {
        JsonObject => "map[string]interface {}",
        JsonArray => "[]interface {}",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "float64",
    };

    private static string GoValue(JsonNode value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => FieldError.Quote(v.GetValue<string>()),
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>structured-merge-diff's path: <c>.spec.containers[name="c"].foo</c> (map-list elements by key, others by index).</summary>
    private static string Path(JsonObject root, SchemaNode? schema, string pointer)
    {
        var text = "";
        JsonNode? node = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            if (node is JsonArray list && int.TryParse(segment, out var i) && i < list.Count)
            {
                var item = list[i];
                text += schema?.ListType == "map" && schema.ListMapKeys.Count > 0
                    ? "[" + string.Join(",", schema.ListMapKeys.Select(k => $"{k}={item?[k]?.ToJsonString()}")) + "]"
                    : $"[{i}]";
                node = item;
                schema = schema?.Items;
            }
            else
            {
                text += "." + segment;
                node = node?[segment];
                schema = schema?.Property(segment);
            }
        }
        return text;
    }
}
