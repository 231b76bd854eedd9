using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// One field error, formatted as kubernetes/apimachinery@v0.32.5 pkg/util/validation/field/errors.go does:
/// <c>&lt;field&gt;: &lt;type&gt;[: &lt;value&gt;][: &lt;detail&gt;]</c>, e.g. <c>spec.replicas: Invalid value: "x": ...</c>.
/// <see cref="Type"/> is the cause type (FieldValueInvalid, FieldValueRequired, ...).
/// </summary>
public sealed record FieldError(string Type, string Field, string Body)
{
    public override string ToString() => $"{Field}: {Body}";

    public static FieldError Required(string field, string detail = "") => new("FieldValueRequired", field, WithDetail("Required value", detail));

    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, WithDetail("Forbidden", detail));

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, WithDetail($"Invalid value: {Value(value)}", detail));

    public static FieldError TypeInvalid(string field, JsonNode? value, string detail) =>
        new("FieldValueTypeInvalid", field, WithDetail($"Invalid value: {Value(value)}", detail));

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported)
    {
        var quoted = supported.Select(s => JsonSerializer.Serialize(s)).ToList();
        return new("FieldValueNotSupported", field, WithDetail($"Unsupported value: {Value(value)}", quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted)));
    }

    public static FieldError TooLong(string field, long max) => new("FieldValueTooLong", field, $"Too long: may not be more than {max} bytes");

    public static FieldError TooMany(string field, int actual, long max) => new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} items");

    private static string WithDetail(string head, string detail) => detail.Length == 0 ? head : $"{head}: {detail}";

    /// <summary>Go's <c>%q</c> for strings, <c>%v</c> for numbers and booleans.</summary>
    public static string Value(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>Go's <c>strconv.Quote</c> for the usual characters (JSON escaping agrees with it there).</summary>
    public static string Quote(string s) => JsonSerializer.Serialize(s, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
