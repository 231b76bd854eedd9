using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Discovery;

/// <summary>
/// One resource an API group/version serves, as discovery reports it (meta/v1 <c>APIResource</c>): plural name,
/// kind, scope, verbs, and its subresources (<c>status</c>, <c>scale</c>, ...).
/// </summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string Singular { get; init; } = Kind.ToLowerInvariant();
    public IReadOnlyList<string> Verbs { get; init; } = [];
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyDictionary<string, ApiSubresource> Subresources { get; init; } = new Dictionary<string, ApiSubresource>();

    /// <summary>
    /// DELETE answers with the deleted object rather than a Status (what the OpenAPI's delete operation declares;
    /// kubernetes/apiserver@v0.32.5 pkg/registry/generic/registry/store.go, <c>ReturnDeletedObject</c>).
    /// </summary>
    public bool DeleteReturnsObject { get; init; }

    /// <summary>Served because a CustomResourceDefinition says so (not by the pinned OpenAPI).</summary>
    public bool IsCustom { get; init; }

    public GroupVersionKind Gvk => new(Group, Version, Kind);
    public string ApiVersion => Gvk.ApiVersion;

    /// <summary>"deployments.apps", "pods": how the API server names a resource in error messages (GroupResource.String()).</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Deployment.apps", "Pod": how a kind is named in 422 messages (GroupKind.String()).</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public bool HasStatus => Subresources.ContainsKey("status");

    public bool Allows(string verb) => Verbs.Contains(verb);

    public override string ToString() => $"{GroupResource}/{Version}";
}

/// <summary>A subresource: its kind may belong to another group/version (deployments/scale is autoscaling/v1 Scale).</summary>
public sealed record ApiSubresource(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs);
