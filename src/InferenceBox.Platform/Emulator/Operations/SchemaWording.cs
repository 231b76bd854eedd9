using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Schema failures worded as the API server words them for structural schemas
/// (kubernetes/apiextensions-apiserver@v0.32.5 pkg/apiserver/validation/validation.go
/// <c>kubeOpenAPIResultToFieldErrors</c>; kube-openapi pkg/validation/errors/schema.go's messages, "in body").
/// </summary>
internal static class SchemaWording
{
    internal static IEnumerable<FieldError>? Describe(string keyword, string message, string path, JsonNode? value, JsonNode? schema)
    {
        var at = path.Length == 0 ? "body" : path;
        string Detail(string text) => $"{at} in body {text}";
        switch (keyword)
        {
            case "required":
                var present = value as JsonObject;
                return (schema?["required"]?.AsArray() ?? [])
                    .Select(n => n!.GetValue<string>()).Where(name => present is null || !present.ContainsKey(name))
                    .Select(name => FieldError.Required(FieldPointers.Join(path, name)));
            case "type":
                var actual = TypeName(value);
                var expected = schema?["type"] is JsonArray types ? string.Join(",", types.Select(t => t!.ToString()).Where(t => t != "null")) : schema?["type"]?.ToString();
                return [FieldError.TypeInvalid(path, actual, Detail($"must be of type {expected}: \"{actual}\""))];
            case "anyOf" or "oneOf" or "allOf":
                return null; // the failing branches speak for themselves
            case "enum":
                return [FieldError.NotSupported(path, value, (schema?["enum"]?.AsArray() ?? []).Where(v => v is not null)
                    .Select(v => v!.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()))];
            case "pattern":
                return [FieldError.Invalid(path, value, Detail($"should match '{schema?["pattern"]}'"))];
            case "minimum":
                return [FieldError.Invalid(path, value, Detail($"should be greater than or equal to {schema?["minimum"]}"))];
            case "exclusiveMinimum":
                return [FieldError.Invalid(path, value, Detail($"should be greater than {schema?["exclusiveMinimum"]}"))];
            case "maximum":
                return [FieldError.Invalid(path, value, Detail($"should be less than or equal to {schema?["maximum"]}"))];
            case "exclusiveMaximum":
                return [FieldError.Invalid(path, value, Detail($"should be less than {schema?["exclusiveMaximum"]}"))];
            case "minLength":
                return [FieldError.Invalid(path, value, Detail($"should be at least {schema?["minLength"]} chars long"))];
            case "maxLength":
                return [FieldError.TooLong(path, Long(schema?["maxLength"]))];
            case "minItems":
                return [FieldError.Invalid(path, value, Detail($"should have at least {schema?["minItems"]} items"))];
            case "maxItems":
                return [FieldError.TooMany(path, (value as JsonArray)?.Count ?? -1, Long(schema?["maxItems"]))];
            case "maxProperties":
                return [FieldError.TooMany(path, (value as JsonObject)?.Count ?? -1, Long(schema?["maxProperties"]))];
            case "minProperties":
                return [FieldError.Invalid(path, value, Detail($"should have at least {schema?["minProperties"]} properties"))];
            case "uniqueItems":
                return [FieldError.Invalid(path, value, Detail("shouldn't contain duplicates"))];
            default:
                return [FieldError.Invalid(path, value, $"{(keyword.Length > 0 ? keyword + ": " : "")}{message}")];
        }
    }

    /// <summary>An int-or-string field holding something else: "must be of type integer,string" (validation_test.go's expectation).</summary>
    internal static IEnumerable<FieldError>? IntOrString(JsonNode? schema, string path, JsonNode? value, Func<string, string> detail)
    {
        if (schema?["anyOf"] is not JsonArray { Count: 2 } branches || branches.Any(b => b?["type"] is null)) return null;
        var name = TypeName(value);
        var types = string.Join(",", branches.Select(b => b!["type"]!.ToString()));
        return [FieldError.TypeInvalid(path, name, detail($"must be of type {types}: \"{name}\""))];
    }

    internal static long Long(JsonNode? n) => n is JsonValue v && long.TryParse(v.ToJsonString(), out var l) ? l : -1;

    /// <summary>kube-openapi's type names of a JSON value.</summary>
    internal static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0 ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

}
