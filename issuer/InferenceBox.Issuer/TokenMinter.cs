using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Issuer;

/// <summary>What a token says, for logs and responses; never the token itself.</summary>
public sealed record MintedToken(string Token, string Tenant, string Subject, string Audience, string Jti, IReadOnlyList<string> Scopes,
    DateTime ExpiresUtc, int LifetimeSeconds);

/// <summary>
/// Signs one RS256 token at request time for an authenticated client, with claims iss, aud, sub and client_id (the
/// client, as RFC 9068 §2.2 has it for the client credentials grant), tenant (the client's one tenant), scope,
/// iat, nbf, exp and jti.
/// </summary>
public sealed class TokenMinter(IssuerOptions options, SigningKeys keys, IssuerMetrics metrics, TimeProvider clock, ILogger<TokenMinter> log)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(keys.Signing, SecurityAlgorithms.RsaSha256);

    public MintedToken Mint(RegisteredClient client, string audience, int lifetimeSeconds, IReadOnlyList<string> scopes)
    {
        if (lifetimeSeconds > options.MaxLifetimeSeconds)
            throw new ArgumentOutOfRangeException(nameof(lifetimeSeconds), lifetimeSeconds, $"above the maximum {options.MaxLifetimeSeconds}");
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime;
        var jti = Guid.NewGuid().ToString("N");
        var claims = new Dictionary<string, object> { ["sub"] = client.ClientId, ["client_id"] = client.ClientId, ["tenant"] = client.Tenant, ["jti"] = jti };
        if (scopes.Count > 0) claims["scope"] = string.Join(' ', scopes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(lifetimeSeconds),
            Claims = claims,
            SigningCredentials = _credentials,
        });
        metrics.TokenIssued(client.Tenant);
        // Debug: one line per token floods Information under load; the counter issuer_tokens_issued_total keeps the rate.
        log.LogDebug("Issued token jti={Jti} tenant={Tenant} sub={Subject} aud={Audience} exp={Expires:O} kid={Kid}",
            jti, client.Tenant, client.ClientId, audience, now.AddSeconds(lifetimeSeconds), keys.Signing.KeyId);
        return new MintedToken(token, client.Tenant, client.ClientId, audience, jti, scopes, now.AddSeconds(lifetimeSeconds), lifetimeSeconds);
    }
}
