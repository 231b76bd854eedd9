using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Operations;
using Microsoft.AspNetCore.Http;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// Answers every HTTP request: discovery documents, resource requests through <see cref="ApiOperations"/>, watches
/// through <see cref="WatchEndpoint"/>. Refusals become Status bodies; a path nothing serves gets Go's plain
/// <c>404 page not found</c>, as the real server's last handler answers it (kubernetes/apiserver@v0.32.5
/// pkg/util/notfoundhandler/not_found_handler.go, and its test's expected body).
/// </summary>
public sealed class ApiHandler(ApiOperations ops, WatchEndpoint watches, RequestLog log, Faults.FaultPlan faults)
{
    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var info = RequestInfo.Parse(request.Method, request.Path.Value ?? "/", IsTrue(request.Query["watch"]));
        var resource = info is null ? null : Resolve(info);
        if (await faults.ApplyAsync(http, info, resource)) return;
        try
        {
            if (Discovery(request.Path.Value?.TrimEnd('/') ?? "", request.Host.Value ?? "") is { } document)
            {
                await WriteAsync(http, 200, document);
                return;
            }
            if (info is null || resource is null)
            {
                await NotFoundAsync(http);
                return;
            }
            if (info.Verb == "watch")
            {
                log.Add(new RequestRecord(request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, 200));
                await watches.ServeAsync(http, resource, info);
                return;
            }
            var (status, body, warnings) = await ExecuteAsync(http, info, resource);
            foreach (var warning in warnings) http.Response.Headers.Append("Warning", $"299 - {FieldError.Quote(warning)}");
            await WriteAsync(http, status, body);
        }
        catch (ApiError e)
        {
            log.Add(new RequestRecord(request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, e.Code, e.Reason, e.Message, e.Layer));
            await WriteAsync(http, e.Code, e.ToStatus(), logged: true);
        }
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
        {
            // A defect of the emulator, not an answer the real server would give: said so, with the exception.
            var error = ApiError.Internal($"the API server emulator failed: {e}").From("emulator-defect");
            log.Add(new RequestRecord(request.Method, request.Path, request.QueryString.Value ?? "", request.ContentType, 500, error.Reason, error.Message, error.Layer));
            await WriteAsync(http, 500, error.ToStatus(), logged: true);
        }
    }

    private JsonObject? Discovery(string path, string host) => path switch
    {
        "/api" => DiscoveryDocuments.CoreVersions(host),
        "/apis" => DiscoveryDocuments.GroupList(ops.Catalog),
        "/version" => DiscoveryDocuments.Version(),
        _ when path.StartsWith("/api/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2 =>
            DiscoveryDocuments.ResourceList(ops.Catalog, "", path[5..]),
        _ when path.StartsWith("/apis/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2 =>
            DiscoveryDocuments.Group(ops.Catalog, path[6..]),
        _ when path.StartsWith("/apis/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3 =>
            DiscoveryDocuments.ResourceList(ops.Catalog, path.Split('/')[2], path.Split('/')[3]),
        _ => null,
    };

    /// <summary>The resource a request addresses, or null where the real server has no route (scope or subresource mismatch).</summary>
    private ApiResource? Resolve(RequestInfo info)
    {
        var r = ops.Catalog.Find(info.Group, info.Version, info.Resource);
        if (r is null) return null;
        if (!r.Namespaced && info.Namespace is not null) return null;
        if (r.Namespaced && info.Namespace is null && info.Verb is not ("list" or "watch")) return null;
        if (info.Subresource is not null && !r.Subresources.ContainsKey(info.Subresource)) return null;
        return r;
    }

    private async Task<(int, JsonNode, IReadOnlyList<string>)> ExecuteAsync(HttpContext http, RequestInfo info, ApiResource r)
    {
        var q = http.Request.Query;
        var options = new WriteOptions(q["fieldManager"].FirstOrDefault(), IsTrue(q["force"]), q["dryRun"].Count > 0,
            q["fieldValidation"].FirstOrDefault() ?? "", http.Request.Headers.UserAgent.ToString());
        if (!r.Allows(info.Verb) && info.Subresource is null) throw ApiError.MethodNotSupported(r, info.Verb);
        var ct = http.RequestAborted;
        WriteResult result;
        switch (info.Verb)
        {
            case "get" when info.Subresource == "log":
                ops.Get(r, info.Namespace, info.Name!);
                return (200, JsonValue.Create("")!, []);
            case "get":
                return (200, ops.Get(r, info.Namespace, info.Name!), []);
            case "list":
                return (200, ops.List(r, info.Namespace, q["labelSelector"], q["fieldSelector"]), []);
            case "create":
                result = await ops.CreateAsync(r, info.Namespace, await BodyAsync(http) as JsonObject ?? throw ApiError.BadRequest("the body is not an object"), options, ct);
                break;
            case "update":
                result = await ops.UpdateAsync(r, info.Namespace, info.Name!, info.Subresource, await BodyAsync(http) as JsonObject ?? throw ApiError.BadRequest("the body is not an object"), options, ct);
                break;
            case "patch":
                result = await ops.PatchAsync(r, info.Namespace, info.Name!, info.Subresource, http.Request.ContentType ?? "", await TextAsync(http), options, ct);
                break;
            case "delete":
                var (body, code) = await ops.DeleteAsync(r, info.Namespace, info.Name!, options, ct);
                return (code, body, []);
            default:
                throw ApiError.MethodNotSupported(r, info.Verb);
        }
        return (result.Created ? 201 : 200, result.Object, result.Warnings);
    }

    private static async Task<string> TextAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    private static async Task<JsonNode?> BodyAsync(HttpContext http)
    {
        var text = await TextAsync(http);
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException e) { throw ApiError.BadRequest($"the body of the request could not be decoded: {e.Message}"); }
    }

    private async Task WriteAsync(HttpContext http, int status, JsonNode body, bool logged = false)
    {
        if (!logged)
            log.Add(new RequestRecord(http.Request.Method, http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.ContentType, status));
        http.Response.StatusCode = status;
        if (body is JsonValue text && text.TryGetValue<string>(out var plain))
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(plain, http.RequestAborted);
            return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(WireJson.Write(body), http.RequestAborted);
    }

    /// <summary>Go's <c>http.NotFound</c>: 404, text/plain, "404 page not found".</summary>
    private async Task NotFoundAsync(HttpContext http)
    {
        log.Add(new RequestRecord(http.Request.Method, http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.ContentType, 404,
            "NotFound", "404 page not found", "routing"));
        http.Response.StatusCode = 404;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await http.Response.WriteAsync("404 page not found\n", http.RequestAborted);
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) => value.FirstOrDefault() is "true" or "1";
}
