using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Admission.PodSecurity;

/// <summary>
/// A pod's (or pod template's) metadata and spec as the policy checks read them; containers are visited init
/// containers first, then containers, then ephemeral containers (pod-security-admission@v0.32.5 policy/visitor.go).
/// </summary>
public sealed class PodSpecView(JsonObject? metadata, JsonObject spec)
{
    public JsonObject? Metadata { get; } = metadata;
    public JsonObject Spec { get; } = spec;
    public JsonObject? PodSecurityContext => Spec["securityContext"] as JsonObject;

    public IEnumerable<JsonObject> Containers =>
        new[] { "initContainers", "containers", "ephemeralContainers" }.SelectMany(f => (Spec[f]?.AsArray() ?? []).OfType<JsonObject>());

    public bool IsWindows => Spec["os"]?["name"]?.GetValue<string>() == "windows";

    public IReadOnlyDictionary<string, string> Annotations =>
        (Metadata?["annotations"] as JsonObject ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString() ?? "");

    public static string Name(JsonObject container) => container["name"]?.GetValue<string>() ?? "";

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static string JoinQuote(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "" : "\"" + string.Join("\", \"", list) + "\"";
    }

    public static string Plural(string singular, string plural, int count) => count == 1 ? singular : plural;

    /// <summary>"container \"a\"" / "containers \"a\", \"b\"".</summary>
    public static string ContainersPhrase(IReadOnlyCollection<string> names) => $"{Plural("container", "containers", names.Count)} {JoinQuote(names)}";
}

/// <summary>One check's verdict (policy/checks.go <c>CheckResult</c>).</summary>
public sealed record CheckResult(string Reason, string Detail)
{
    public static readonly CheckResult? Allowed = null;
}
