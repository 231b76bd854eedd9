using InferenceBox.Platform.Manifests;
namespace InferenceBox.Specs.Support.Tokens;

/// <summary>Checks the issuer itself: its JWKS, and that what it hands each tenant's client right now validates.</summary>
public sealed class IssuerAudit(TenantTokens tokens)
{
    /// <summary>The kids of the RS256 signing keys the JWKS publishes.</summary>
    public async Task<IReadOnlyList<string>> Rs256KidsAsync(CancellationToken ct = default) =>
        (await tokens.Issuer.JwksAsync(ct)).Keys.Where(k => k.Kty == "RSA" && k.Alg is null or "RS256" && k.Use is null or "sig")
            .Select(k => k.Kid).Where(kid => !string.IsNullOrEmpty(kid)).ToList();

    /// <summary>"tenant: reason" for every tenant whose freshly issued token fails strict validation; empty when all pass.</summary>
    public async Task<IReadOnlyList<string>> InvalidFreshTokensAsync(CancellationToken ct = default)
    {
        var parameters = TokenVerifier.Strict(await tokens.Issuer.JwksAsync(ct));
        var problems = new List<string>();
        foreach (var tenant in PlatformTenants.All)
        {
            var answer = await tokens.Issuer.TokenAsync(await tokens.Credentials.ForTenantAsync(tenant, ct), ct: ct);
            var verdict = await TokenVerifier.VerifyAsync(answer.AccessToken, parameters, tenant);
            if (!verdict.IsValid) problems.Add($"{tenant}: {verdict.Failure?.GetType().Name}: {verdict.Failure?.Message}");
        }
        return problems;
    }
}
