using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>Which of the gateway's checks refused a call: the reason a feature asserts.</summary>
public enum GatewayCheck
{
    /// <summary>Envoy's jwt_authn filter (SecurityPolicy jwt): its status string as body, a Bearer challenge.</summary>
    Jwt,
    /// <summary>Envoy's RBAC filter (SecurityPolicy authorization on the tenant claim): "RBAC: access denied".</summary>
    Tenant,
}

/// <summary>
/// Proves that a refusal is the model gateway's own answer, not the model's and not a tenant sidecar's. A sidecar
/// runs the same two Envoy filters as the gateway (Istio's RequestAuthentication and AuthorizationPolicy), with the same
/// bodies, so the body names the check and the layer is proven by what only the gateway can produce:
/// <list type="bullet">
/// <item>jwt_authn's challenge <c>WWW-Authenticate: Bearer realm="&lt;scheme&gt;://&lt;Host&gt;&lt;path&gt;"</c> names the
/// request as the refusing proxy saw it (envoyproxy/envoy source/extensions/filters/http/jwt_authn/filter.cc,
/// original_uri_ = Http::Utility::buildOriginalUri(headers, 256); source/common/http/utility.cc buildOriginalUri; read at
/// commit 6aeac45323e251c016928d883b3496a93ddcbb3b). Only the gateway sees the URL the client called: the route rewrites
/// Host and path before the request leaves it (manifests/gateway/httproute-*.yaml).</item>
/// <item>For RBAC's 403, the gateway's access log line of the same request id: the gateway's own refusal has
/// response_code_details "rbac_access_denied_matched_policy[…]" and no upstream host
/// (source/extensions/filters/http/rbac/rbac_filter.cc, source/extensions/filters/common/rbac/utility.cc responseDetail);
/// a refusal it passed on from a sidecar has "via_upstream" (envoy/stream_info/stream_info.h) and an upstream host.</item>
/// </list>
/// Recorded answers of both layers: tests Gateway/Fixtures/refusals.json.
/// </summary>
public static partial class GatewayRefusal
{
    public const string RbacDenied = "RBAC: access denied";
    public const int MaximumRealmPathLength = 256; // jwt_authn filter.cc MaximumUriLength

    // jwt_verify_lib's status strings all start so ("Jwt is missing", "Jwks doesn't have key…", "Audiences in Jwt are not allowed").
    private static readonly string[] JwtAuthnPrefixes = ["Jwt", "Jwks", "Audiences"];

    /// <summary>Which check a refusal's body names, or null when it is neither jwt_authn's nor RBAC's local reply.</summary>
    public static GatewayCheck? CheckOf(string body)
    {
        var text = body.Trim();
        if (text == RbacDenied) return GatewayCheck.Tenant;
        return JwtAuthnPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)) ? GatewayCheck.Jwt : null;
    }

    /// <summary>The realm jwt_authn writes when it refuses this URL as the client sent it: scheme, authority, path cut at 256.</summary>
    public static string ExpectedRealm(Uri url)
    {
        var path = url.PathAndQuery.Length > MaximumRealmPathLength ? url.PathAndQuery[..MaximumRealmPathLength] : url.PathAndQuery;
        return $"{url.Scheme}://{url.Authority}{path}";
    }

    /// <summary>The realm of a Bearer challenge, or null when there is no Bearer challenge with a realm.</summary>
    public static string? RealmOf(string? challenge) =>
        challenge is not null && BearerRealm().Match(challenge) is { Success: true } m ? m.Groups["realm"].Value : null;

    /// <summary>
    /// Why <paramref name="exchange"/> is not the gateway's refusal by <paramref name="check"/>; empty when it is.
    /// <paramref name="gatewayLog"/> is the gateway's access-log entry of the same request id (null: none found); a
    /// tenant-check refusal cannot be proven without it.
    /// </summary>
    public static IReadOnlyList<string> Problems(GatewayExchange exchange, GatewayCheck check, GatewayAccessLogEntry? gatewayLog)
    {
        var problems = new List<string>();
        var body = exchange.Body.Trim();
        var named = CheckOf(body);
        if (body.StartsWith('{') || body.StartsWith('['))
            problems.Add($"the body is JSON, as the model server answers: \"{Short(body)}\"");
        else if (named != check)
            problems.Add($"the body \"{Short(body)}\" is {(named is null ? "neither jwt_authn's status nor \"" + RbacDenied + "\"" : $"the {named} check's answer")}, not the {check} check's");
        if (check == GatewayCheck.Jwt) problems.AddRange(RealmProblems(exchange));
        else problems.AddRange(LogProblems(exchange, gatewayLog));
        return problems;
    }

    private static IEnumerable<string> RealmProblems(GatewayExchange exchange)
    {
        var challenge = exchange.Header("WWW-Authenticate");
        var realm = RealmOf(challenge);
        var expected = ExpectedRealm(exchange.Url);
        if (realm is null)
            yield return $"jwt_authn always sends a Bearer challenge with a realm; this answer has {(challenge is null ? "no WWW-Authenticate" : $"\"{challenge}\"")}";
        else if (realm != expected)
            yield return $"the challenge's realm \"{realm}\" is the request as another proxy saw it (rewritten by the route): the gateway's realm is \"{expected}\"";
    }

    private static IEnumerable<string> LogProblems(GatewayExchange exchange, GatewayAccessLogEntry? entry)
    {
        if (entry is null)
        {
            yield return $"the gateway's access log has no line for request id {exchange.RequestId}: nothing shows the gateway refused it";
            yield break;
        }
        if (entry.ResponseCode != exchange.StatusCode)
            yield return $"the gateway logged {entry.ResponseCode} for request id {entry.RequestId}, the client got {exchange.StatusCode}";
        if (entry.ResponseCodeDetails?.StartsWith("rbac_access_denied", StringComparison.Ordinal) != true || !entry.AnsweredLocally)
            yield return $"the gateway's access log says {entry}: it passed on an answer of its upstream instead of refusing the call itself";
    }

    private static string Short(string value) => value.Length <= 120 ? value : value[..120] + "…";

    [GeneratedRegex("^\\s*Bearer\\s+realm=\"(?<realm>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex BearerRealm();
}
