using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The A/B header of tenant-a's sklearn-iris route (manifests/gateway/httproute-tenant-a.yaml): <c>x-model-version: v2</c>
/// reaches the newest revision (KServe's tag latest), <c>v1</c> the previous one (tag prev, while a canary runs), any other
/// value gets the gateway's own 400, whose body is the HTTPRouteFilter's in the same file: read from there, so the judge
/// and the platform cannot drift apart.
/// </summary>
public static class ModelVersionHeader
{
    public const string Name = "x-model-version";
    public const string UnknownVersionFilter = "unknown-model-version";

    public static IReadOnlyDictionary<string, string> For(string version) => new Dictionary<string, string> { [Name] = version };

    /// <summary>The status and body the gateway answers an unknown version with, as the manifests declare them.</summary>
    public static (int Status, string Body) UnknownVersionAnswer(string manifestsDir, string tenant)
    {
        var filter = ManifestLoader.Folder(manifestsDir, "gateway").FirstOrDefault(o =>
                         o is { Group: "gateway.envoyproxy.io", Kind: "HTTPRouteFilter", Name: UnknownVersionFilter } && o.Namespace == tenant)
                     ?? throw new InvalidDataException($"manifests/gateway has no HTTPRouteFilter {tenant}/{UnknownVersionFilter}: the gateway's answer " +
                                                       "to an unknown x-model-version is declared there.");
        var response = filter.Body["spec"]?["directResponse"];
        // Envoy Gateway's default when statusCode is unset: 200 (internal/gatewayapi/filters.go).
        return (int.TryParse(response?["statusCode"]?.ToString(), out var status) ? status : 200, response?["body"]?["inline"]?.ToString() ?? "");
    }

    /// <summary>Why <paramref name="answer"/> is not the gateway's own refusal of an unknown version; empty when it is.</summary>
    public static IReadOnlyList<string> RefusalProblems(GatewayExchange answer, (int Status, string Body) declared, GatewayAccessLogEntry? log)
    {
        var problems = new List<string>();
        if (answer.StatusCode != declared.Status || answer.Body != declared.Body)
            problems.Add($"{answer.Method} {answer.Url} answered {answer.StatusCode} \"{Short(answer.Body)}\", not the gateway's declared {declared.Status} \"{Short(declared.Body)}\"");
        if (log is null)
            problems.Add($"the gateway's access log has no line for request id {answer.RequestId}: nothing shows the gateway answered itself");
        else if (!log.AnsweredLocally || log.ResponseCode != answer.StatusCode)
            problems.Add($"the gateway's access log says {log}: a revision was called");
        return problems;
    }

    private static string Short(string body) => body.Length <= 120 ? body.TrimEnd('\n') : body[..120] + "…";
}
