using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>The token names no tenant, or another one than expected: the check the gateway's authorization makes.</summary>
public sealed class SecurityTokenTenantException(string message, string? actualTenant) : SecurityTokenValidationException(message)
{
    public string? ActualTenant { get; } = actualTenant;
}

/// <summary>The outcome of validating one token; the claims (never the token) for reports.</summary>
public sealed record TokenVerdict(bool IsValid, Exception? Failure, IReadOnlyDictionary<string, string> Claims);

/// <summary>
/// Validates a token the way the platform does: RS256 only, a signature by a key of the issuer's JWKS found by kid,
/// the issuer, the audience, the lifetime (60 s skew, like Envoy's default) and the tenant claim.
/// Tests switch one check off at a time on <see cref="Strict"/>'s parameters to prove a negative is bad in one way.
/// </summary>
public static class TokenVerifier
{
    public static TokenValidationParameters Strict(JsonWebKeySet jwks) => new()
    {
        ValidIssuer = IssuerIdentity.Issuer,
        ValidAudience = IssuerIdentity.Audience,
        IssuerSigningKeys = jwks.GetSigningKeys(),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        TryAllIssuerSigningKeys = false,
        ClockSkew = TimeSpan.FromSeconds(60),
    };

    /// <param name="expectedTenant">The tenant the token must name; null skips the tenant check.</param>
    public static async Task<TokenVerdict> VerifyAsync(string? token, TokenValidationParameters parameters, string? expectedTenant)
    {
        var handler = new JsonWebTokenHandler();
        if (AlgorithmRefused(token, parameters) is { } refused) return new TokenVerdict(false, refused, new Dictionary<string, string>());
        var result = await handler.ValidateTokenAsync(token, parameters);
        var claims = result.SecurityToken is JsonWebToken jwt
            ? jwt.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => string.Join(",", g.Select(c => c.Value)))
            : new Dictionary<string, string>();
        if (!result.IsValid) return new TokenVerdict(false, result.Exception, claims);
        if (expectedTenant is null) return new TokenVerdict(true, null, claims);

        var tenant = claims.GetValueOrDefault(IssuerIdentity.TenantClaim);
        return tenant == expectedTenant
            ? new TokenVerdict(true, null, claims)
            : new TokenVerdict(false, new SecurityTokenTenantException(tenant is null
                ? $"The token has no '{IssuerIdentity.TenantClaim}' claim; expected '{expectedTenant}'."
                : $"The token is for tenant '{tenant}', not '{expectedTenant}'.", tenant), claims);
    }

    /// <summary>
    /// The handler tries the key first and reports a key that cannot do the token's algorithm only as a generic
    /// signature failure; checking the algorithm first (as Envoy does) gives algorithm confusion its own reason.
    /// Unsigned tokens are left to <see cref="TokenValidationParameters.RequireSignedTokens"/>.
    /// </summary>
    private static SecurityTokenInvalidAlgorithmException? AlgorithmRefused(string? token, TokenValidationParameters parameters)
    {
        if (token is null || parameters.ValidAlgorithms is null || !new JsonWebTokenHandler().CanReadToken(token)) return null;
        JsonWebToken jwt;
        try { jwt = new JsonWebToken(token); }
        catch (ArgumentException) { return null; } // malformed: the handler reports it
        if (jwt.EncodedSignature.Length == 0) return null;
        try
        {
            Validators.ValidateAlgorithm(jwt.Alg, null, jwt, parameters);
            return null;
        }
        catch (SecurityTokenInvalidAlgorithmException e) { return e; }
    }
}
