using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Settings;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Bearer tokens for scenarios: valid ones come from the issuer at request time; each negative is forged from
/// such a valid token by <see cref="TokenForger"/>. Negatives needing the issuer's private key are skipped, with
/// <see cref="SkipReason"/>, when the run has no <see cref="TrustedKey"/>.
/// </summary>
public sealed class TokenKit(RunContext run, IssuerClient issuer, TrustedKey? key)
{
    /// <summary>The token for <paramref name="tenant"/> with <paramref name="defect"/>; null for <see cref="TokenDefect.NoToken"/>.</summary>
    public async Task<string?> TokenAsync(string tenant, TokenDefect defect, CancellationToken ct = default)
    {
        if (defect == TokenDefect.NoToken) return null;
        if (SkipReason(defect) is { } reason) throw new InvalidOperationException(reason);

        var tokens = await issuer.TokensAsync(ct);
        if (!tokens.TryGetValue(tenant, out var valid))
            throw new InvalidOperationException($"The issuer at {issuer.BaseUrl} mints no token for tenant '{tenant}' " +
                                                $"(its tenants: {string.Join(", ", tokens.Keys)}); check Issuer__Tenants in manifests/issuer.");
        if (defect == TokenDefect.OtherTenant)
            return tokens.Where(t => t.Key != tenant).Select(t => t.Value).FirstOrDefault()
                   ?? throw new InvalidOperationException($"The issuer at {issuer.BaseUrl} knows no tenant other than '{tenant}'.");
        if (defect == TokenDefect.None) return valid;

        return new TokenForger(valid, await issuer.JwksAsync(ct), key).Forge(defect);
    }

    public static bool NeedsTrustedKey(TokenDefect defect) => TokenForger.NeedsTrustedKey(defect);

    /// <summary>Why <paramref name="defect"/> cannot be forged in this run, or null when it can.</summary>
    public string? SkipReason(TokenDefect defect) => NeedsTrustedKey(defect) && key is null
        ? $"The '{defect}' token must be signed by the issuer's private key, and this {run.Settings.Mode.ToString().ToLowerInvariant()}-mode " +
          $"run has none. Set {SettingsLoader.Prefix}SIGNING_KEY_FILE to the issuer's PEM key (Secret auth-system/jwt-issuer-signing-key, " +
          "key signing-key.pem) to run it."
        : null;
}
