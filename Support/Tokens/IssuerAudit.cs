namespace InferenceBox.Specs.Support.Tokens;

/// <summary>Checks the issuer itself: its JWKS and that what it hands out right now validates.</summary>
public sealed class IssuerAudit(IssuerClient issuer)
{
    /// <summary>The kids of the RS256 signing keys the JWKS publishes.</summary>
    public async Task<IReadOnlyList<string>> Rs256KidsAsync(CancellationToken ct = default) =>
        (await issuer.JwksAsync(ct)).Keys.Where(k => k.Kty == "RSA" && k.Alg is null or "RS256" && k.Use is null or "sig")
            .Select(k => k.Kid).Where(kid => !string.IsNullOrEmpty(kid)).ToList();

    /// <summary>"tenant: reason" for every token from GET /tokens that fails strict validation; empty when all pass.</summary>
    public async Task<IReadOnlyList<string>> InvalidFreshTokensAsync(CancellationToken ct = default)
    {
        var parameters = TokenVerifier.Strict(await issuer.JwksAsync(ct));
        var problems = new List<string>();
        foreach (var (tenant, token) in await issuer.TokensAsync(ct))
        {
            var verdict = await TokenVerifier.VerifyAsync(token, parameters, tenant);
            if (!verdict.IsValid) problems.Add($"{tenant}: {verdict.Failure?.GetType().Name}: {verdict.Failure?.Message}");
        }
        return problems;
    }
}
