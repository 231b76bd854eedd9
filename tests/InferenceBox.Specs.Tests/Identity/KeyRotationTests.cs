using System.Security.Cryptography;
using InferenceBox.Issuer;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// The signing-key rotation of manifests/README.md, step by step on the real issuer (a restart per step, as a
/// rollout does), with each verifier's cache played by the JWKS it fetched at some step: a token signed with the next
/// key is accepted by every cache refreshed after that key was published, and refused by one from before, which is
/// why the next key is published <see cref="KeyRotationSchedule.PublishLead"/> before it signs.
/// </summary>
public sealed class KeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_the_next_key_first_keeps_every_token_valid_in_every_cache_that_can_exist()
    {
        var (current, next) = (LoopbackIssuer.NewKeyFile(), LoopbackIssuer.NewKeyFile());
        var (beforeRotation, t0) = await StepAsync(current);                          // signs with current
        var (published, t1) = await StepAsync(current, PublicOf(next));               // 1. next is published
        var (switched, t2) = await StepAsync(next, PublicOf(current));                // 2. next signs, current still published
        var (retired, t3) = await StepAsync(next);                                    // 3. current retired

        Kid(t2).Should().Be(Kid(t3)).And.NotBe(Kid(t0));
        (await ValidAsync(t2, published)).Should().BeTrue("a verifier that refreshed after step 1 accepts the next key's tokens");
        (await ValidAsync(t2, beforeRotation)).Should().BeFalse("a verifier still on the JWKS from before step 1 would refuse: hence the lead time");
        (await ValidAsync(t0, switched)).Should().BeTrue("tokens issued before the switch stay valid while the previous key is published");
        (await ValidAsync(t1, switched)).Should().BeTrue();
        (await ValidAsync(t1, beforeRotation)).Should().BeTrue("during step 1 nothing changes for old caches");
        (await ValidAsync(t1, retired)).Should().BeFalse("after retirement the previous key's tokens fail: retire only once they expired");
        (await ValidAsync(t3, switched)).Should().BeTrue();
    }

    [Fact]
    public void The_schedule_waits_out_the_longest_JWKS_cache_and_the_longest_token()
    {
        KeyRotationSchedule.LongestJwksCache.Should().Be(TimeSpan.FromMinutes(20), "istiod's 20 minutes outlast Envoy Gateway's 5");
        KeyRotationSchedule.PublishLead.Should().BeGreaterThan(KeyRotationSchedule.LongestJwksCache);
        KeyRotationSchedule.MaxTokenLifetime.Should().Be(TimeSpan.FromSeconds(IssuerOptions.LifetimeCeilingSeconds));
        KeyRotationSchedule.RetireAfter.Should().BeGreaterThan(KeyRotationSchedule.MaxTokenLifetime + KeyRotationSchedule.LongestJwksCache);
    }

    /// <summary>One step: the issuer restarted with these key files; the JWKS a verifier would fetch now, and a fresh token.</summary>
    private static async Task<(JsonWebKeySet Jwks, string Token)> StepAsync(string signingKey, string? additionalPublicKey = null)
    {
        var extra = additionalPublicKey is null ? [] : new[] { ("Issuer:AdditionalPublicKeyFiles:0", (string?)additionalPublicKey) };
        await using var issuer = await LoopbackIssuer.StartAsync(signingKey, extra);
        using var client = IssuerClient.For(issuer.BaseUrl);
        return (await client.JwksAsync(Ct), await issuer.TokenAsync("tenant-a"));
    }

    private static async Task<bool> ValidAsync(string token, JsonWebKeySet cachedJwks) =>
        (await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(cachedJwks), "tenant-a")).IsValid;

    private static string Kid(string token) => new JsonWebToken(token).Kid;

    private static string PublicOf(string privateKeyFile)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(privateKeyFile));
        var file = Path.Combine(Path.GetDirectoryName(privateKeyFile)!, "public.pem");
        File.WriteAllText(file, rsa.ExportSubjectPublicKeyInfoPem());
        return file;
    }
}
