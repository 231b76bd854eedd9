using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>
/// A field selector (<c>a=b,c!=d</c>, kubernetes/apimachinery@v0.32.5 pkg/fields/selector.go) restricted to the
/// fields the real server indexes per kind: <c>metadata.name</c> and <c>metadata.namespace</c> for every kind
/// (apimachinery pkg/runtime/scheme.go, <c>DefaultMetaV1FieldSelectorConversion</c>), plus the core kinds' extra
/// labels of kubernetes/kubernetes@0158de93ea1c pkg/apis/core/v1/conversion.go. Any other label is refused with
/// that file's text, "field label not supported: &lt;label&gt;", as a 400.
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] Meta = ["metadata.name", "metadata.namespace"];

    private static readonly IReadOnlyDictionary<string, string[]> CoreLabels = new Dictionary<string, string[]>
    {
        ["Pod"] = [.. Meta, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        ["Node"] = ["metadata.name", "spec.unschedulable"],
        ["ReplicationController"] = [.. Meta, "status.replicas"],
        ["Event"] = [.. Meta, "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "source", "type"],
        ["Namespace"] = ["metadata.name", "status.phase"],
        ["Secret"] = [.. Meta, "type"],
        ["Service"] = [.. Meta, "spec.clusterIP", "spec.type"],
    };

    private readonly IReadOnlyList<(string Label, string Value, bool Equal)> _terms;

    private FieldSelector(IReadOnlyList<(string, string, bool)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector Parse(string? text, ApiResource resource)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (label, value, equal) = part.Contains("!=") ? Split(part, "!=", false)
                : part.Contains("==") ? Split(part, "==", true)
                : part.Contains('=') ? Split(part, "=", true)
                : throw ApiError.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            if (!Supported(resource, label)) throw ApiError.BadRequest($"field label not supported: {label}");
            terms.Add((label, value, equal));
        }
        return new FieldSelector(terms);
    }

    private static (string, string, bool) Split(string part, string op, bool equal)
    {
        var at = part.IndexOf(op, StringComparison.Ordinal);
        return (part[..at].Trim(), part[(at + op.Length)..].Trim(), equal);
    }

    private static bool Supported(ApiResource resource, string label) =>
        (resource.Group.Length == 0 && CoreLabels.TryGetValue(resource.Kind, out var labels) ? labels : Meta).Contains(label);

    /// <summary>The exact name this selector requires (<c>metadata.name=x</c>), if any.</summary>
    public string? RequiredName => _terms.FirstOrDefault(t => t.Label == "metadata.name" && t.Equal).Value;

    public bool Matches(JsonObject obj) => _terms.All(t => (Value(obj, t.Label) == t.Value) == t.Equal);

    private static string Value(JsonObject obj, string label)
    {
        if (label == "source") return obj["source"]?["component"]?.ToString() ?? "";
        JsonNode? node = obj;
        foreach (var segment in label.Split('.')) node = node?[segment];
        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True => "true",
            JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.False => "false",
            _ => node.ToString(),
        };
    }
}
