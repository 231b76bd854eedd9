using Microsoft.IdentityModel.JsonWebTokens;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>Reads a bearer token's claims for the record, so the token itself never has to be kept.</summary>
public static class TokenClaims
{
    public const string Unparseable = "<unparseable token>";

    /// <summary>Claims by type (repeated claims joined by ", "); a token that does not parse is recorded as such.</summary>
    public static IReadOnlyDictionary<string, string>? Of(string? bearerToken)
    {
        if (bearerToken is null) return null;
        try
        {
            var jwt = new JsonWebToken(bearerToken);
            var claims = jwt.Claims.GroupBy(c => c.Type)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(c => c.Value)));
            claims["(header) alg"] = jwt.Alg ?? "";
            if (jwt.Kid is { } kid) claims["(header) kid"] = kid;
            return claims;
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or FormatException
                                      or Microsoft.IdentityModel.Tokens.SecurityTokenException)
        {
            return new Dictionary<string, string> { ["token"] = Unparseable };
        }
    }
}
