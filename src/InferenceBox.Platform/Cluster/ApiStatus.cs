using System.Text.Json.Nodes;
using k8s.Autorest;

namespace InferenceBox.Platform.Cluster;

/// <summary>
/// The API server's answer to a refused request, from its <c>Status</c> body (meta/v1 Status: code, reason, message;
/// kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go).
/// </summary>
public sealed record ApiStatus(int Code, string Reason, string Message)
{
    public override string ToString() => $"{Code} {Reason}: {Message}";

    public static ApiStatus From(HttpOperationException e)
    {
        var code = (int)e.Response.StatusCode;
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? "") is JsonObject { } status && status["kind"]?.ToString() == "Status")
                return new ApiStatus(code, status["reason"]?.ToString() ?? e.Response.ReasonPhrase ?? "",
                    status["message"]?.ToString() ?? e.Response.Content ?? "");
        }
        catch (System.Text.Json.JsonException) { }
        return new ApiStatus(code, e.Response.ReasonPhrase ?? e.Response.StatusCode.ToString(), (e.Response.Content ?? "").Trim());
    }
}

/// <summary>Applying one object failed: which object, from where, and what the server answered.</summary>
public sealed class ApplyFailedException(string identity, string where, string answer, Exception? inner = null)
    : InvalidOperationException($"Applying {identity} ({where}) failed: {answer}", inner)
{
    public string Identity { get; } = identity;
    public string Where { get; } = where;
    public string Answer { get; } = answer;
}
