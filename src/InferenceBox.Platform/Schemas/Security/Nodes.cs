using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>Small readers over parsed manifests, so each check reads like the rule it states.</summary>
internal static class Nodes
{
    public static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node as JsonArray ?? [];

    public static IReadOnlyList<string> Strings(JsonNode? node) => Items(node).Select(n => Text(n) ?? "").ToList();

    public static bool Is(ManifestObject o, string group, string kind) => o.Kind == kind && TenancyCheck.Group(o) == group;

    public static ValidationError Error(ManifestObject o, string? path, string message) => new(o.File, o.Describe(), path, message);

    /// <summary>A helm values file of <paramref name="manifestsDir"/> (values/&lt;release&gt;.yaml) as JSON; null when absent.</summary>
    public static (JsonNode? Values, ValidationError? Unreadable) Values(string manifestsDir, string release)
    {
        var relative = $"values/{release}.yaml";
        var file = Path.Combine(manifestsDir, "values", release + ".yaml");
        if (!File.Exists(file)) return (null, null);
        try { return (YamlJson.ParseAll(File.ReadAllText(file), relative).FirstOrDefault()?.Node, null); }
        catch (InvalidDataException e) { return (null, new ValidationError(relative, null, null, e.Message)); }
    }

    /// <summary>The node at a dotted path (".a.b"), or null.</summary>
    public static JsonNode? At(JsonNode? node, string dottedPath) =>
        dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate(node, (n, key) => n is JsonObject o ? o[key] : null);
}
