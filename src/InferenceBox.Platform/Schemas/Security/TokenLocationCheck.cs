using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Tokens are read from the Authorization header only, never from a query parameter or a cookie (issue 19 item 5). Both
/// layers default to Envoy jwt_authn's locations, the Authorization header AND an access_token query parameter, unless
/// told otherwise: Envoy Gateway's SecurityPolicy through jwt.providers[].extractFrom (envoyproxy/gateway@v1.4.2
/// api/v1alpha1/jwt_types.go, internal/xds/translator/jwt.go) and Istio's RequestAuthentication through
/// jwtRules[].fromHeaders/fromParams/fromCookies (istio/istio@1.26.2 pilot/pkg/security/authn/policy_applier.go). A token in
/// a URL ends up in access logs, browser histories and Referer headers.
/// </summary>
public static class TokenLocationCheck
{
    public const string Header = "Authorization", Prefix = "Bearer ";

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        foreach (var policy in objects.Where(o => Nodes.Is(o, "gateway.envoyproxy.io", "SecurityPolicy")))
        {
            var providers = Nodes.Items(policy.Body["spec"]?["jwt"]?["providers"]).ToList();
            for (var i = 0; i < providers.Count; i++)
            {
                var at = $".spec.jwt.providers[{i}].extractFrom";
                var extract = providers[i]?["extractFrom"];
                if (Problem(extract?["headers"], "valuePrefix", extract?["params"], extract?["cookies"]) is { } problem)
                    yield return Nodes.Error(policy, at, problem + $" (extractFrom.headers: [{{name: {Header}, valuePrefix: \"{Prefix}\"}}])");
            }
        }
        foreach (var authn in objects.Where(o => Nodes.Is(o, "security.istio.io", "RequestAuthentication")))
        {
            var rules = Nodes.Items(authn.Body["spec"]?["jwtRules"]).ToList();
            for (var i = 0; i < rules.Count; i++)
                if (Problem(rules[i]?["fromHeaders"], "prefix", rules[i]?["fromParams"], rules[i]?["fromCookies"]) is { } problem)
                    yield return Nodes.Error(authn, $".spec.jwtRules[{i}]", problem + $" (fromHeaders: [{{name: {Header}, prefix: \"{Prefix}\"}}])");
        }
    }

    private static string? Problem(System.Text.Json.Nodes.JsonNode? headers, string prefixKey,
        System.Text.Json.Nodes.JsonNode? parameters, System.Text.Json.Nodes.JsonNode? cookies)
    {
        if (Nodes.Strings(parameters).Count > 0) return "reads tokens from query parameters: read them from the Authorization header only";
        if (Nodes.Strings(cookies).Count > 0) return "reads tokens from cookies: read them from the Authorization header only";
        var list = Nodes.Items(headers).ToList();
        if (list.Count == 0)
            return "names no token location, so Envoy's jwt_authn also takes an access_token query parameter: name the Authorization header only";
        return list.All(h => Nodes.Text(h?["name"])?.Equals(Header, StringComparison.OrdinalIgnoreCase) == true && Nodes.Text(h?[prefixKey]) == Prefix)
            ? null
            : "reads tokens from another header or without the Bearer prefix: name the Authorization header only";
    }
}
