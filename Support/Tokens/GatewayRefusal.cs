namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Tells the gateway's own refusal from an answer of the model behind it. Envoy's jwt_authn filter answers with
/// a plain-text status string of jwt_verify_lib ("Jwt is missing", "Jwt verification fails", "Jwks doesn't have
/// key to match kid or alg from Jwt", "Audiences in Jwt are not allowed", …) and a <c>WWW-Authenticate: Bearer</c>
/// challenge; Envoy's RBAC filter (Envoy Gateway's claim authorization) answers "RBAC: access denied".
/// KServe answers JSON. (envoy source/extensions/filters/http/jwt_authn/filter.cc, jwt_verify_lib status.cc.)
/// </summary>
public static class GatewayRefusal
{
    public const string RbacDenied = "RBAC: access denied";
    private static readonly string[] JwtAuthnPrefixes = ["Jwt", "Jwks", "Audience"];

    /// <summary>Why this answer is not the gateway's own refusal; empty when it is.</summary>
    public static IReadOnlyList<string> Problems(int status, string body, IReadOnlyDictionary<string, string> headers)
    {
        var problems = new List<string>();
        var text = body.Trim();
        var fromJwtAuthn = JwtAuthnPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal));
        if (!fromJwtAuthn && text != RbacDenied)
            problems.Add($"the body \"{Short(text)}\" is neither a jwt_authn status string nor \"{RbacDenied}\"");
        if (text.StartsWith('{') || text.StartsWith('['))
            problems.Add("the body is JSON, as the model server answers");
        var challenge = headers.FirstOrDefault(h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Value;
        if (status == 401 && challenge?.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) != true)
            problems.Add($"a 401 from jwt_authn carries a WWW-Authenticate: Bearer challenge; this one has {(challenge is null ? "none" : $"\"{challenge}\"")}");
        return problems;
    }

    private static string Short(string value) => value.Length <= 120 ? value : value[..120] + "…";
}
