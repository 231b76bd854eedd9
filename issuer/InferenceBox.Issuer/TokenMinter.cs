using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Issuer;

/// <summary>What a token says, for logs and responses; never the token itself.</summary>
public sealed record MintedToken(string Token, string Tenant, string Subject, string Audience, string Jti, DateTime ExpiresUtc, int LifetimeSeconds);

/// <summary>Signs one RS256 token at request time with claims iss, aud, sub, tenant, iat, nbf, exp, jti.</summary>
public sealed class TokenMinter(IssuerOptions options, SigningKeys keys, IssuerMetrics metrics, TimeProvider clock, ILogger<TokenMinter> log)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(keys.Signing, SecurityAlgorithms.RsaSha256);

    public static string DefaultSubject(string tenant) => $"client@{tenant}";

    public MintedToken Mint(string tenant, string? subject = null, string? audience = null, int? lifetimeSeconds = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime;
        var lifetime = lifetimeSeconds ?? options.DefaultLifetimeSeconds;
        var sub = subject ?? DefaultSubject(tenant);
        var aud = audience ?? options.Audiences[0];
        var jti = Guid.NewGuid().ToString("N");
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = aud,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetime),
            Claims = new Dictionary<string, object> { ["sub"] = sub, ["tenant"] = tenant, ["jti"] = jti },
            SigningCredentials = _credentials,
        });
        metrics.TokenIssued(tenant);
        // Debug: one line per token floods Information under load; the counter issuer_tokens_issued_total keeps the rate.
        log.LogDebug("Issued token jti={Jti} tenant={Tenant} sub={Subject} aud={Audience} exp={Expires:O} kid={Kid}",
            jti, tenant, sub, aud, now.AddSeconds(lifetime), keys.Signing.KeyId);
        return new MintedToken(token, tenant, sub, aud, jti, now.AddSeconds(lifetime), lifetime);
    }
}
