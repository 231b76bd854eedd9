namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// A request path taken apart as kubernetes/apiserver@v0.32.5 pkg/endpoints/request/requestinfo.go does:
/// <c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c>, an optional <c>watch/</c> (deprecated form),
/// <c>namespaces/&lt;ns&gt;</c>, then resource, name and subresource; the verb from the method, the name and
/// <c>?watch</c>. <c>/api/v1/namespaces/&lt;name&gt;[/status|/finalize]</c> is the Namespace itself.
/// </summary>
public sealed record RequestInfo(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, string Verb)
{
    public static RequestInfo? Parse(string method, string path, bool watchParam)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        string group, version;
        if (parts.Count >= 3 && parts[0] == "api") (group, version, parts) = ("", parts[1], parts[2..]);
        else if (parts.Count >= 4 && parts[0] == "apis") (group, version, parts) = (parts[1], parts[2], parts[3..]);
        else return null;

        var watch = false;
        if (parts.Count > 0 && parts[0] == "watch")
        {
            watch = true;
            parts = parts[1..];
        }
        string? ns = null;
        if (parts.Count >= 2 && parts[0] == "namespaces")
        {
            ns = parts[1];
            if (parts.Count > 2 && parts[2] is not ("status" or "finalize")) parts = parts[2..];
        }
        if (parts.Count == 0) return null;
        var resource = parts[0];
        var name = parts.Count > 1 ? parts[1] : null;
        var sub = parts.Count > 2 ? string.Join('/', parts.Skip(2)) : null;
        if (resource == "namespaces" && group == "" && name is not null) ns = null;

        var verb = method switch
        {
            "GET" or "HEAD" when watch || watchParam => "watch",
            "GET" or "HEAD" => name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name is null ? "deletecollection" : "delete",
            _ => "unknown",
        };
        return new RequestInfo(group, version, ns, resource, name, sub, verb);
    }
}
