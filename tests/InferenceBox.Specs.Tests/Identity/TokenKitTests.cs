using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// Every negative of the kit, against the real issuer: strict validation fails for its intended reason, and the same
/// validation with only that one check turned off succeeds. Together: each negative is bad in exactly one way.
/// The kit runs as in attach mode: its trusted key is a test-only key the issuer publishes, not the issuer's own.
/// </summary>
public sealed class TokenKitTests(IssuerWithTestKeyFixture fixture) : IClassFixture<IssuerWithTestKeyFixture>
{
    private const string Tenant = "tenant-a";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Defect, the failure strict validation must report, and the one check to turn off.</summary>
    public static TheoryData<TokenDefect, Type, string> SwitchableDefects() => new()
    {
        { TokenDefect.Expired, typeof(SecurityTokenExpiredException), "lifetime" },
        { TokenDefect.NotYetValid, typeof(SecurityTokenNotYetValidException), "lifetime" },
        { TokenDefect.WrongIssuer, typeof(SecurityTokenInvalidIssuerException), "issuer" },
        { TokenDefect.WrongAudience, typeof(SecurityTokenInvalidAudienceException), "audience" },
        { TokenDefect.NoTenantClaim, typeof(SecurityTokenTenantException), "tenant" },
        { TokenDefect.OtherTenant, typeof(SecurityTokenTenantException), "tenant" },
        { TokenDefect.UnknownSigningKey, typeof(SecurityTokenInvalidSignatureException), "signature" },
        { TokenDefect.TamperedPayload, typeof(SecurityTokenInvalidSignatureException), "signature" },
        { TokenDefect.BadBase64, typeof(SecurityTokenInvalidSignatureException), "signature" },
        { TokenDefect.UnknownKid, typeof(SecurityTokenSignatureKeyNotFoundException), "kid" },
        { TokenDefect.AlgNone, typeof(SecurityTokenInvalidSignatureException), "signed" },
        { TokenDefect.Hs256WithPublicKey, typeof(SecurityTokenInvalidAlgorithmException), "algorithm" },
    };

    [Theory]
    [MemberData(nameof(SwitchableDefects))]
    public async Task Negative_fails_strict_validation_for_its_reason_and_passes_with_only_that_check_off(
        TokenDefect defect, Type expectedFailure, string check)
    {
        var (kit, jwks) = await KitAsync(withKey: true);
        var token = await kit.TokenAsync(Tenant, defect, Ct);

        var strict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(jwks), Tenant);
        strict.IsValid.Should().BeFalse();
        strict.Failure.Should().BeOfType(expectedFailure, "{0} should fail for its own reason: {1}", defect, strict.Failure?.Message);

        var relaxed = TokenVerifier.Strict(jwks);
        var expectedTenant = TurnOff(check, relaxed, token!, jwks);
        var verdict = await TokenVerifier.VerifyAsync(token, relaxed, expectedTenant);
        verdict.Failure.Should().BeNull("{0} with only the {1} check off should be valid", defect, check);
    }

    [Fact]
    public async Task The_valid_token_passes_strict_validation()
    {
        var (kit, jwks) = await KitAsync(withKey: true);
        (await TokenVerifier.VerifyAsync(await kit.TokenAsync(Tenant, TokenDefect.None, Ct), TokenVerifier.Strict(jwks), Tenant))
            .Failure.Should().BeNull();
    }

    // No validation switch can make these acceptable: a token must exist, and a JWS has exactly three segments
    // before any check runs. So assert the specific parse failure instead.
    [Fact]
    public async Task No_token_and_two_segments_fail_before_any_check()
    {
        var (kit, jwks) = await KitAsync(withKey: true);
        (await kit.TokenAsync(Tenant, TokenDefect.NoToken, Ct)).Should().BeNull();
        (await TokenVerifier.VerifyAsync(null, TokenVerifier.Strict(jwks), Tenant)).Failure.Should().BeAssignableTo<ArgumentNullException>();

        var twoSegments = await kit.TokenAsync(Tenant, TokenDefect.NotThreeSegments, Ct);
        twoSegments!.Split('.').Should().HaveCount(2);
        var relaxed = TokenVerifier.Strict(jwks);
        relaxed.RequireSignedTokens = false;
        (await TokenVerifier.VerifyAsync(twoSegments, relaxed, null)).Failure.Should().BeOfType<SecurityTokenMalformedException>();
    }

    [Fact]
    public async Task Without_a_trusted_key_the_signed_negatives_are_skipped_with_a_reason_and_the_rest_still_work()
    {
        var (kit, jwks) = await KitAsync(withKey: false);
        foreach (var defect in Enum.GetValues<TokenDefect>())
        {
            if (TokenKit.NeedsTrustedKey(defect))
            {
                kit.SkipReason(defect).Should().Contain("INFERENCEBOX_SIGNING_KEY_FILE");
                await FluentActions.Awaiting(() => kit.TokenAsync(Tenant, defect, Ct)).Should().ThrowAsync<InvalidOperationException>();
            }
            else
            {
                kit.SkipReason(defect).Should().BeNull();
                await kit.TokenAsync(Tenant, defect, Ct);
            }
        }
        TokenKit.NeedsTrustedKey(TokenDefect.Expired).Should().BeTrue();
        TokenKit.NeedsTrustedKey(TokenDefect.AlgNone).Should().BeFalse();
        jwks.Keys.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_key_that_is_not_the_issuers_is_refused_with_its_kid()
    {
        var kit = new TokenKit(Run(fixture.Issuer.BaseUrl), fixture.Issuer.Tokens(), TrustedKey.Load(LoopbackIssuer.NewKeyFile()));
        await FluentActions.Awaiting(() => kit.TokenAsync(Tenant, TokenDefect.Expired, Ct))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*is not one the issuer publishes*");
    }

    [Fact]
    public async Task Attach_mode_refuses_the_issuers_own_signing_key_and_provision_mode_may_use_it()
    {
        var attach = new TokenKit(Run(fixture.Issuer.BaseUrl), fixture.Issuer.Tokens(), TrustedKey.Load(fixture.KeyFile));
        await FluentActions.Awaiting(() => attach.TokenAsync(Tenant, TokenDefect.Expired, Ct))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*SIGNING_KEY_FILE*is the issuer's own signing key*test-only key*");

        var provision = new TokenKit(Run(fixture.Issuer.BaseUrl, RunMode.Provision), fixture.Issuer.Tokens(), TrustedKey.Load(fixture.KeyFile));
        var expired = await provision.TokenAsync(Tenant, TokenDefect.Expired, Ct);
        new JsonWebToken(expired).ValidTo.Should().BeBefore(DateTime.UtcNow);
    }

    /// <summary>Turns exactly one check off; returns the tenant to expect (null: tenant check off).</summary>
    private static string? TurnOff(string check, TokenValidationParameters p, string token, JsonWebKeySet jwks)
    {
        switch (check)
        {
            case "lifetime": p.ValidateLifetime = false; break;
            case "issuer": p.ValidateIssuer = false; break;
            case "audience": p.ValidateAudience = false; break;
            case "tenant": return null;
            case "signature": p.SignatureValidator = (t, _) => new JsonWebToken(t); break;
            case "kid": p.TryAllIssuerSigningKeys = true; break;
            case "signed": p.RequireSignedTokens = false; break;
            case "algorithm":
                // The confused verifier: any algorithm, and the issuer's public key PEM used as an HMAC secret.
                p.ValidAlgorithms = null;
                p.IssuerSigningKeys = [new SymmetricSecurityKey(new TokenForger(token, jwks, null).PublicKeyPemBytes()) { KeyId = new JsonWebToken(token).Kid }];
                break;
            default: throw new ArgumentOutOfRangeException(nameof(check), check, "no such check");
        }
        return Tenant;
    }

    private async Task<(TokenKit Kit, JsonWebKeySet Jwks)> KitAsync(bool withKey)
    {
        var tokens = fixture.Issuer.Tokens();
        return (new TokenKit(Run(fixture.Issuer.BaseUrl), tokens, withKey ? TrustedKey.Load(fixture.TestKeyFile) : null), await tokens.Issuer.JwksAsync(Ct));
    }

    private static RunContext Run(Uri issuerUrl, RunMode mode = RunMode.Attach) => new(
        new InferenceBoxSettings { Mode = mode, IssuerUrl = issuerUrl }, new NoProgress(), "test", Path.GetTempPath());

    private sealed class NoProgress : IProgressChannel
    {
        public void Report(ProgressEvent progressEvent) { }
    }
}
