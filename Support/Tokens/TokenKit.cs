using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using Microsoft.IdentityModel.JsonWebTokens;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Bearer tokens for scenarios: valid ones are obtained as the tenant's OAuth client would (<see cref="TenantTokens"/>);
/// each negative is forged from such a valid token by <see cref="TokenForger"/>. Negatives needing a key the gateway
/// trusts are skipped, with <see cref="SkipReason"/>, when the run has no <see cref="TrustedKey"/>. In attach mode that
/// key is a test-only key the issuer publishes beside its own, never the platform's signing key.
/// </summary>
public sealed class TokenKit(RunContext run, TenantTokens tokens, TrustedKey? key)
{
    /// <summary>The token for <paramref name="tenant"/> with <paramref name="defect"/>; null for <see cref="TokenDefect.NoToken"/>.</summary>
    public async Task<string?> TokenAsync(string tenant, TokenDefect defect, CancellationToken ct = default)
    {
        if (defect == TokenDefect.NoToken) return null;
        if (SkipReason(defect) is { } reason) throw new InvalidOperationException(reason);
        if (defect == TokenDefect.OtherTenant)
            return await tokens.ValidAsync(PlatformTenants.All.FirstOrDefault(t => t != tenant)
                ?? throw new InvalidOperationException($"The platform knows no tenant other than '{tenant}'."), ct);

        var valid = await tokens.ValidAsync(tenant, ct);
        if (defect == TokenDefect.None) return valid;
        if (NeedsTrustedKey(defect) && run.Settings.Mode == RunMode.Attach) RefusePlatformKey(new JsonWebToken(valid).Kid);
        return new TokenForger(valid, await tokens.Issuer.JwksAsync(ct), key).Forge(defect);
    }

    public static bool NeedsTrustedKey(TokenDefect defect) => TokenForger.NeedsTrustedKey(defect);

    /// <summary>Why <paramref name="defect"/> cannot be forged in this run, or null when it can.</summary>
    public string? SkipReason(TokenDefect defect) => NeedsTrustedKey(defect) && key is null
        ? $"The '{defect}' token must be signed by a key the gateway trusts, and this {run.Settings.Mode.ToString().ToLowerInvariant()}-mode " +
          $"run has none. Set {SettingsLoader.Prefix}SIGNING_KEY_FILE to a test-only PEM private key whose public key the issuer also " +
          "publishes (Issuer__AdditionalPublicKeyFiles__N) to run it."
        : null;

    /// <summary>Attach mode never holds the platform's own signing key: one that signs the issuer's tokens is refused.</summary>
    private void RefusePlatformKey(string signingKid)
    {
        if (key is not null && key.Kid == signingKid)
            throw new InvalidOperationException(
                $"{SettingsLoader.Prefix}SIGNING_KEY_FILE ({key.SourceFile}, kid {key.Kid}) is the issuer's own signing key. Attach mode uses a " +
                "test-only key: generate one (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048), have the issuer publish its public " +
                "key (Issuer__AdditionalPublicKeyFiles__N) and point the setting at the new key; keep the platform's key in its cluster.");
    }
}
