using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Discovery;

/// <summary>
/// What this server serves right now: the built-in resources of the pinned OpenAPI, plus the resources of every
/// CustomResourceDefinition that is Established. Thread-safe; CRDs come and go.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly IReadOnlyList<ApiResource> _builtIn;
    private volatile IReadOnlyList<ApiResource> _custom = [];
    private readonly Lock _gate = new();

    public ResourceCatalog(SchemaStore store) => _builtIn = BuiltInResources.From(store);

    public IReadOnlyList<ApiResource> All => [.. _builtIn, .. _custom];

    public IReadOnlyList<ApiResource> BuiltIn => _builtIn;

    /// <summary>The resource at /apis/&lt;group&gt;/&lt;version&gt;/.../&lt;plural&gt;, or null (the real server's 404).</summary>
    public ApiResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public ApiResource? Find(GroupVersionKind gvk) =>
        All.FirstOrDefault(r => r.Group == gvk.Group && r.Version == gvk.Version && r.Kind == gvk.Kind);

    /// <summary>Every version this group serves, most preferred first.</summary>
    public IReadOnlyList<string> Versions(string group) =>
        All.Where(r => r.Group == group).Select(r => r.Version).Distinct().OrderBy(v => v, KubeVersionOrder.Instance).ToList();

    /// <summary>Groups in the order the server lists them: built-in groups first in file order, then custom ones.</summary>
    public IReadOnlyList<string> Groups => All.Select(r => r.Group).Distinct().ToList();

    /// <summary>Makes the resources of an established CRD served (replacing what the CRD of that name served before).</summary>
    public void Serve(string crdName, IReadOnlyList<ApiResource> resources)
    {
        lock (_gate)
            _custom = [.. _custom.Where(r => CrdName(r) != crdName), .. resources];
    }

    public void Unserve(string crdName)
    {
        lock (_gate)
            _custom = [.. _custom.Where(r => CrdName(r) != crdName)];
    }

    private static string CrdName(ApiResource r) => $"{r.Plural}.{r.Group}";

    /// <summary>
    /// The resources a CRD serves (one per served version), as the apiextensions server exposes them
    /// (kubernetes/apiextensions-apiserver@v0.32.5 pkg/apiserver/customresource_discovery_controller.go): verbs
    /// for the resource, <c>status</c> and <c>scale</c> subresources when the version declares them.
    /// </summary>
    public static IReadOnlyList<ApiResource> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        var group = spec["group"]!.GetValue<string>();
        var kind = names["kind"]!.GetValue<string>();
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        var resources = new List<ApiResource>();
        foreach (var version in spec["versions"]?.AsArray() ?? [])
        {
            if (version?["served"]?.GetValue<bool>() is not true) continue;
            var v = version["name"]!.GetValue<string>();
            var subresources = new Dictionary<string, ApiSubresource>();
            if (version["subresources"]?["status"] is not null)
                subresources["status"] = new ApiSubresource("status", group, v, kind, ["get", "patch", "update"]);
            if (version["subresources"]?["scale"] is not null)
                subresources["scale"] = new ApiSubresource("scale", "autoscaling", "v1", "Scale", ["get", "patch", "update"]);
            resources.Add(new ApiResource(group, v, names["plural"]!.GetValue<string>(), kind, namespaced)
            {
                Singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                Subresources = subresources,
                IsCustom = true,
            });
        }
        return resources;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
