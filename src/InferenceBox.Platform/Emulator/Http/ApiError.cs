using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>
/// A refusal, carried as the <c>Status</c> object the real server writes. Every factory mirrors one constructor of
/// kubernetes/apimachinery@v0.32.5 pkg/api/errors/errors.go (same code, reason, details and message format);
/// <see cref="Unknown"/> is what kubernetes/apiserver@v0.32.5 pkg/endpoints/handlers/responsewriters/status.go
/// (<c>ErrorToAPIStatus</c>) makes of an error that is not a Status: 500 with an empty reason.
/// </summary>
public sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    /// <summary>Which layer refused (e.g. "admission:LimitRanger", "validation", "namespace-lifecycle"): for logs and tests, not on the wire.</summary>
    public string? Layer { get; private set; }

    public ApiError From(string layer)
    {
        Layer ??= layer;
        return this;
    }

    public JsonObject ToStatus()
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = Message };
        if (Reason.Length > 0) status["reason"] = Reason;
        status["details"] = Details?.DeepClone() ?? new JsonObject();
        status["code"] = Code;
        return status;
    }

    private static JsonObject Details_(string group, string kind, string? name, JsonArray? causes = null)
    {
        var d = new JsonObject();
        if (!string.IsNullOrEmpty(name)) d["name"] = name;
        if (group.Length > 0) d["group"] = group;
        if (kind.Length > 0) d["kind"] = kind;
        if (causes is not null) d["causes"] = causes;
        return d;
    }

    public static ApiError NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details_(group, resource, name));

    public static ApiError NotFound(ApiResource r, string name) => NotFound(r.Group, r.Plural, name);

    public static ApiError AlreadyExists(ApiResource r, string name) =>
        new(409, "AlreadyExists", $"{r.GroupResource} \"{name}\" already exists", Details_(r.Group, r.Plural, name));

    public static ApiError Conflict(ApiResource r, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {r.GroupResource} \"{name}\": {why}", Details_(r.Group, r.Plural, name));

    public static ApiError ApplyConflict(JsonArray causes, string message) =>
        new(409, "Conflict", message, new JsonObject { ["causes"] = causes });

    public static ApiError Forbidden(ApiResource r, string? name, string why, JsonArray? causes = null) =>
        new(403, "Forbidden", string.IsNullOrEmpty(name) ? $"{r.GroupResource} is forbidden: {why}" : $"{r.GroupResource} \"{name}\" is forbidden: {why}",
            Details_(r.Group, r.Plural, name, causes));

    /// <summary>422: <c>&lt;Kind.group&gt; "&lt;name&gt;" is invalid: &lt;aggregate of field errors&gt;</c>.</summary>
    public static ApiError Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var unique = errors.DistinctBy(e => e.ToString()).ToList();
        var aggregate = unique.Count == 1 ? unique[0].ToString() : "[" + string.Join(", ", unique.Select(e => e.ToString())) + "]";
        var causes = new JsonArray(unique.Select(e => (JsonNode)new JsonObject { ["reason"] = e.Type, ["message"] = e.Body, ["field"] = e.Field }).ToArray());
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiError(422, "Invalid", unique.Count == 0 ? $"{qualified} \"{name}\" is invalid" : $"{qualified} \"{name}\" is invalid: {aggregate}",
            Details_(group, kind, name, causes));
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError MethodNotSupported(ApiResource r, string action) =>
        new(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{r.GroupResource}\"", Details_(r.Group, r.Plural, null));

    public static ApiError UnsupportedMediaType(string contentType, IEnumerable<string> supported) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", supported)}");

    /// <summary>410 Expired, e.g. "too old resource version: 12 (40)".</summary>
    public static ApiError Expired(string message) => new(410, "Expired", message);

    public static ApiError Timeout(string message, int retryAfterSeconds, JsonArray? causes = null)
    {
        var details = new JsonObject();
        if (causes is not null) details["causes"] = causes;
        details["retryAfterSeconds"] = retryAfterSeconds;
        return new ApiError(504, "Timeout", $"Timeout: {message}", details);
    }

    public static ApiError Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    public static ApiError ServiceUnavailable(string message) => new(503, "ServiceUnavailable", message);

    public static ApiError Unknown(string message) => new(500, "", message);

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}
