namespace InferenceBox.Platform.Cluster;

/// <summary>
/// A kind as the API server's discovery serves it: group, version, kind, the resource's plural (its URL segment)
/// and its scope. Every apply, read, list, watch and delete finds its path from this, never from a per-kind table.
/// </summary>
public sealed record ServedResource(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version} ({(Namespaced ? "namespaced" : "cluster-scoped")})";
}

/// <summary>
/// Discovery does not list the kind: its CRD is not installed (or not yet established), or the apiVersion is wrong.
/// The message is kubectl's (k8s.io/apimachinery pkg/api/meta/errors.go, <c>NoKindMatchError</c>).
/// </summary>
public sealed class KindNotServedException(string kind, string apiVersion)
    : InvalidOperationException($"no matches for kind \"{kind}\" in version \"{apiVersion}\"")
{
    public string Kind { get; } = kind;
    public string ApiVersion { get; } = apiVersion;
}
