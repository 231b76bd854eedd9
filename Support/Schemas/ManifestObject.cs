using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Schemas;

/// <summary>One Kubernetes object of a manifest file: the file (relative to manifests/), its document, its body.</summary>
public sealed record ManifestObject(string File, int DocumentIndex, int Line, JsonObject Body)
{
    public string? ApiVersion => Text(Body["apiVersion"]);
    public string? Kind => Text(Body["kind"]);
    public string? Name => Text(Body["metadata"]?["name"]);
    public string? Namespace => Text(Body["metadata"]?["namespace"]);

    public GroupVersionKind? GroupVersionKind =>
        ApiVersion is { Length: > 0 } apiVersion && Kind is { Length: > 0 } kind ? Schemas.GroupVersionKind.FromApiVersion(apiVersion, kind) : null;

    /// <summary>e.g. "HTTPRoute tenant-a/models (document 2, line 14)".</summary>
    public string Describe() =>
        $"{Kind ?? "<no kind>"} {(Namespace is null ? "" : Namespace + "/")}{Name ?? "<no name>"} (document {DocumentIndex + 1}, line {Line})";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
