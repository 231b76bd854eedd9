using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Discovery;

/// <summary>
/// The plain (unaggregated) discovery documents, shaped as kubernetes/apimachinery@v0.32.5 pkg/apis/meta/v1/types.go
/// defines them (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIGroup</c>, <c>APIResourceList</c>) and as
/// kubernetes/apiserver@v0.32.5 pkg/endpoints/discovery/ serves them: subresources are listed as
/// <c>&lt;plural&gt;/&lt;sub&gt;</c> entries, with their own group/version when it differs.
/// </summary>
public static class DiscoveryDocuments
{
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.Groups.Where(g => g.Length > 0).Select(g => (JsonNode)GroupBody(catalog, g)).ToArray()),
    };

    public static JsonObject? Group(ResourceCatalog catalog, string group)
    {
        if (group.Length == 0 || !catalog.Groups.Contains(group)) return null;
        var body = GroupBody(catalog, group);
        return new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1", ["name"] = body["name"]!.DeepClone(),
            ["versions"] = body["versions"]!.DeepClone(), ["preferredVersion"] = body["preferredVersion"]!.DeepClone() };
    }

    private static JsonObject GroupBody(ResourceCatalog catalog, string group)
    {
        var versions = catalog.Versions(group);
        JsonObject Version(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Version(v)).ToArray()),
            ["preferredVersion"] = Version(versions[0]),
        };
    }

    /// <summary>The resources of one group/version, or null when it serves none (the real server's 404).</summary>
    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var resources = catalog.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
        if (resources.Count == 0) return null;
        var entries = new JsonArray();
        foreach (var r in resources)
        {
            entries.Add(Entry(r.Plural, r.Singular, r.Namespaced, null, r.Kind, r.Verbs, r.ShortNames, r.Categories));
            foreach (var sub in r.Subresources.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
                entries.Add(Entry($"{r.Plural}/{sub.Name}", "", r.Namespaced,
                    sub.Group == r.Group && sub.Version == r.Version ? null : (sub.Group, sub.Version), sub.Kind, sub.Verbs, [], []));
        }
        var list = new JsonObject { ["kind"] = "APIResourceList" };
        if (group.Length > 0) list["apiVersion"] = "v1";
        list["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}";
        list["resources"] = entries;
        return list;
    }

    private static JsonObject Entry(string name, string singular, bool namespaced, (string Group, string Version)? other, string kind,
        IReadOnlyList<string> verbs, IReadOnlyList<string> shortNames, IReadOnlyList<string> categories)
    {
        var entry = new JsonObject { ["name"] = name, ["singularName"] = singular, ["namespaced"] = namespaced };
        if (other is { } gv)
        {
            entry["group"] = gv.Group;
            entry["version"] = gv.Version;
        }
        entry["kind"] = kind;
        entry["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray());
        if (shortNames.Count > 0) entry["shortNames"] = new JsonArray(shortNames.Select(v => (JsonNode)v).ToArray());
        if (categories.Count > 0) entry["categories"] = new JsonArray(categories.Select(v => (JsonNode)v).ToArray());
        return entry;
    }

    /// <summary>
    /// <c>/version</c>: the Kubernetes version the project pins (kind node v1.32.5), although the schemas it
    /// validates with are the 1.33 OpenAPI (see README).
    /// </summary>
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.5",
        ["gitTreeState"] = "clean",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
        ["emulator"] = "InferenceBox.Specs API server emulator",
    };
}
