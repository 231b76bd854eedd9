using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Says who answered at the issuer's public paths, from what only that layer produces:
/// the issuer answers POST /token with RFC 6749 §5.2 JSON (error, error_description) and never with 429 or an empty
/// 404; Envoy answers a path no route matches with 404 and an empty body (envoyproxy/envoy source/common/router/
/// router.cc, Filter::decodeHeaders: sendLocalReply(NotFound, "") for RouteNotFound; read at a stored version, EG v1.4.2
/// ships Envoy v1.34.1) and a drained local rate limit with 429 and the text "local_rate_limited" (issue 10 item 4).
/// </summary>
public static class TokenEndpointJudge
{
    public const string LocalRateLimited = "local_rate_limited";

    /// <summary>Why <paramref name="answer"/> is not the issuer's own §5.2 refusal with this status and error.</summary>
    public static IReadOnlyList<string> RefusalProblems(TokenAnswer answer, int status, string error)
    {
        var problems = new List<string>();
        if (answer.Status != status) problems.Add($"status {answer.Status}, not {status}");
        if (!answer.IsIssuerError) problems.Add("the body is not the issuer's RFC 6749 section 5.2 JSON");
        else if (answer.Error != error) problems.Add($"error \"{answer.Error}\", not \"{error}\" ({answer.ErrorDescription})");
        if (answer.HasToken) problems.Add("a token was handed out");
        if (answer.CacheControl?.Contains("no-store", StringComparison.OrdinalIgnoreCase) != true)
            problems.Add($"Cache-Control is \"{answer.CacheControl}\", not no-store");
        return problems;
    }

    /// <summary>Why the answer is not a token for <paramref name="tenant"/> that no cache may store (RFC 6749 §5.1).</summary>
    public static IReadOnlyList<string> GrantProblems(TokenAnswer answer, string tenant)
    {
        var problems = new List<string>();
        if (answer.Status != 200 || !answer.HasToken) problems.Add($"no token: {answer}");
        else if (TokenClaims.Of(answer.AccessToken)?.GetValueOrDefault(IssuerIdentity.TenantClaim) is var claimed && claimed != tenant)
            problems.Add($"the token is for tenant \"{claimed}\", not \"{tenant}\"");
        if (answer.CacheControl?.Contains("no-store", StringComparison.OrdinalIgnoreCase) != true) problems.Add("no Cache-Control: no-store");
        if (answer.Pragma?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) != true) problems.Add("no Pragma: no-cache");
        return problems;
    }

    /// <summary>Why this is not Envoy's own 404 for a path no route matches (the issuer's 404s are problem+json).</summary>
    public static IReadOnlyList<string> NoRouteProblems(GatewayExchange exchange)
    {
        var problems = new List<string>();
        if (exchange.StatusCode != 404) problems.Add($"status {exchange.StatusCode}, not 404");
        if (exchange.Body.Length > 0) problems.Add($"a body came back (\"{Short(exchange.Body)}\"): a route reached something");
        if (exchange.Header("content-type") is { } type) problems.Add($"Content-Type {type}: Envoy's no-route answer has none");
        return problems;
    }

    /// <summary>True for Envoy's local rate-limit refusal; the issuer never answers 429.</summary>
    public static bool IsGatewayRateLimit(TokenAnswer answer) => answer.Status == 429 && answer.Body.Trim() == LocalRateLimited;

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
