using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Manifests;

/// <summary>
/// One Kubernetes object as read from YAML: where it comes from (<see cref="File"/>: relative to manifests/, or what
/// produced the YAML; its document and start line; line 0 for an object the provisioner builds) and its body.
/// The body is what preflight validates and <see cref="Json"/>, its serialization, is what the provisioner applies.
/// </summary>
public sealed record ManifestObject(string File, int DocumentIndex, int Line, JsonObject Body)
{
    public string? ApiVersion => Text(Body["apiVersion"]);
    public string? Kind => Text(Body["kind"]);
    public string? Name => Text(Body["metadata"]?["name"]);
    public string? Namespace => Text(Body["metadata"]?["namespace"]);

    /// <summary>"" for the core group (apiVersion "v1").</summary>
    public string Group => ApiVersion is { } v && v.LastIndexOf('/') is var slash and >= 0 ? v[..slash] : "";

    public GroupVersionKind? GroupVersionKind =>
        ApiVersion is { Length: > 0 } apiVersion && Kind is { Length: > 0 } kind ? Manifests.GroupVersionKind.FromApiVersion(apiVersion, kind) : null;

    /// <summary>The exact bytes sent to the API server.</summary>
    public string Json => Body.ToJsonString();

    /// <summary>e.g. "HTTPRoute tenant-a/models".</summary>
    public string Identity => $"{Kind ?? "<no kind>"} {(Namespace is null ? "" : Namespace + "/")}{Name ?? "<no name>"}";

    /// <summary>e.g. "gateway/httproute-tenant-a.yaml line 14" (relative to manifests/); for a built object, what built it.</summary>
    public string Where => Line > 0 ? $"{File} line {Line}" : File;

    /// <summary>e.g. "HTTPRoute tenant-a/models (document 2, line 14)".</summary>
    public string Describe() => $"{Identity} (document {DocumentIndex + 1}, line {Line})";

    /// <summary>An object the provisioner builds itself (a Secret, a dashboard ConfigMap); <paramref name="origin"/> says from what.</summary>
    public static ManifestObject Built(JsonObject body, string origin) => new(origin, 0, 0, body);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
