using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Discovery;

/// <summary>
/// The built-in resources, generated from the <c>paths</c> of the pinned Kubernetes OpenAPI documents, never from
/// a hand-written list: a path <c>/apis/&lt;g&gt;/&lt;v&gt;/namespaces/{namespace}/&lt;plural&gt;</c> makes a namespaced
/// resource, each operation's <c>x-kubernetes-action</c> a verb, its <c>x-kubernetes-group-version-kind</c> the kind.
/// This is the data the real server's discovery is generated from too (kube-openapi builds these paths from the
/// same REST storage that kubernetes/apiserver@v0.32.5 pkg/endpoints/installer.go registers and discovery lists).
/// Built once per <see cref="SchemaStore"/>.
/// </summary>
public static partial class BuiltInResources
{
    private static readonly ConditionalWeakTable<SchemaStore, IReadOnlyList<ApiResource>> Cache = new();

    public static IReadOnlyList<ApiResource> From(SchemaStore store) => Cache.GetValue(store, Build);

    private sealed class Draft(string group, string version, string plural)
    {
        public readonly string Group = group, Version = version, Plural = plural;
        public string? Kind;
        public bool Namespaced;
        public bool DeleteReturnsObject;
        public readonly SortedSet<string> Verbs = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (GroupVersionKind? Gvk, SortedSet<string> Verbs)> Subresources = new();
    }

    private static IReadOnlyList<ApiResource> Build(SchemaStore store)
    {
        var drafts = new Dictionary<(string, string, string), Draft>();
        foreach (var document in store.OpenApiPaths)
            foreach (var (path, item) in document.Paths)
                if (Parse(path) is { } p && item is JsonObject operations)
                    Record(drafts, p, operations);
        return drafts.Values.Where(d => d.Kind is not null)
            .Select(d => new ApiResource(d.Group, d.Version, d.Plural, d.Kind!, d.Namespaced)
            {
                Verbs = d.Verbs.ToList(),
                DeleteReturnsObject = d.DeleteReturnsObject,
                Subresources = d.Subresources.ToDictionary(s => s.Key, s => new ApiSubresource(s.Key,
                    s.Value.Gvk?.Group ?? d.Group, s.Value.Gvk?.Version ?? d.Version, s.Value.Gvk?.Kind ?? d.Kind!, s.Value.Verbs.ToList())),
            })
            .ToList();
    }

    private sealed record ParsedPath(string Group, string Version, string Plural, bool Namespaced, bool Watch, bool Named, string? Subresource);

    /// <summary>"/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status" → apps, v1, deployments, namespaced, status.</summary>
    private static ParsedPath? Parse(string path)
    {
        var m = ResourcePath().Match(path);
        if (!m.Success) return null;
        var group = m.Groups["group"].Success ? m.Groups["group"].Value : "";
        var rest = m.Groups["rest"].Value.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var watch = rest.Count > 0 && rest[0] == "watch";
        if (watch) rest.RemoveAt(0);
        var namespaced = rest.Count >= 3 && rest[0] == "namespaces" && rest[1] == "{namespace}";
        if (namespaced) rest.RemoveRange(0, 2);
        if (rest.Count == 0 || rest[0].StartsWith('{')) return null;
        var named = rest.Count >= 2 && rest[1] == "{name}";
        var sub = named && rest.Count >= 3 ? string.Join('/', rest.Skip(2)) : null;
        return new ParsedPath(group, m.Groups["version"].Value, rest[0], namespaced, watch, named, sub);
    }

    private static void Record(Dictionary<(string, string, string), Draft> drafts, ParsedPath p, JsonObject operations)
    {
        if (!drafts.TryGetValue((p.Group, p.Version, p.Plural), out var d))
            drafts[(p.Group, p.Version, p.Plural)] = d = new Draft(p.Group, p.Version, p.Plural);
        d.Namespaced |= p.Namespaced;
        foreach (var (method, operation) in operations)
        {
            if (operation is not JsonObject op || op["x-kubernetes-action"]?.GetValue<string>() is not { } action) continue;
            var verb = Verb(action, method);
            if (verb is null) continue;
            var gvk = op["x-kubernetes-group-version-kind"] is JsonObject g
                ? new GroupVersionKind(g["group"]?.ToString() ?? "", g["version"]?.ToString() ?? "", g["kind"]?.ToString() ?? "")
                : null;
            if (p.Subresource is { } sub)
            {
                if (!d.Subresources.TryGetValue(sub, out var s)) d.Subresources[sub] = s = (gvk, new SortedSet<string>(StringComparer.Ordinal));
                s.Verbs.Add(verb);
                continue;
            }
            if (gvk is not null && !p.Watch) d.Kind ??= gvk.Kind;
            if (action == "delete" && op["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() is { } returns)
                d.DeleteReturnsObject = !returns.EndsWith(".meta.v1.Status", StringComparison.Ordinal);
            d.Verbs.Add(verb);
        }
    }

    /// <summary>OpenAPI actions → discovery verbs (kubernetes/apiserver@v0.32.5 pkg/endpoints/installer.go, registerResourceHandlers).</summary>
    private static string? Verb(string action, string method) => action switch
    {
        "get" or "list" or "patch" or "delete" or "deletecollection" => action,
        "post" => "create",
        "put" => "update",
        "watch" or "watchlist" => "watch",
        "connect" => method switch { "get" => "get", "post" => "create", "put" => "update", "patch" => "patch", "delete" => "delete", _ => null },
        _ => null,
    };

    [GeneratedRegex(@"^/(?:api/(?<version>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))/(?<rest>.+)$")]
    private static partial Regex ResourcePath();
}
