using System.Security.Cryptography;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// The verifier's own rules, on tokens signed here with a fresh RSA key by Microsoft.IdentityModel (no issuer needed):
/// the clock skew is Envoy's default, 60 s (envoyproxy/envoy api/envoy/extensions/filters/http/jwt_authn/v3/config.proto,
/// clock_skew_seconds: "If not specified, default is 60 seconds"; the SecurityPolicy sets none), and a null expected
/// tenant skips the tenant check (issue 20: a verifier refusing a valid token then, and an unpinned skew, both survived).
/// </summary>
public sealed class TokenVerifierTests
{
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "verifier-test" };
    private static readonly JsonWebKeySet Jwks = KeySet();

    [Fact]
    public void Strict_validation_pins_every_parameter_the_gateway_uses()
    {
        var strict = TokenVerifier.Strict(Jwks);

        strict.ClockSkew.Should().Be(TimeSpan.FromSeconds(60));
        strict.ValidIssuer.Should().Be(IssuerIdentity.Issuer);
        strict.ValidAudience.Should().Be(IssuerIdentity.Audience);
        strict.ValidAlgorithms.Should().Equal(SecurityAlgorithms.RsaSha256);
        (strict.RequireSignedTokens, strict.RequireExpirationTime, strict.TryAllIssuerSigningKeys).Should().Be((true, true, false));
        strict.IssuerSigningKeys.Should().ContainSingle().Which.KeyId.Should().Be("verifier-test");
    }

    [Theory]
    [InlineData(-30, true)]   // expired 30 s ago: within the skew
    [InlineData(-90, false)]  // expired 90 s ago: beyond it
    public async Task Expiry_is_judged_with_sixty_seconds_of_skew(int expiresInSeconds, bool valid)
    {
        var now = DateTime.UtcNow;
        var token = Sign("tenant-a", notBefore: now.AddMinutes(-10), expires: now.AddSeconds(expiresInSeconds));

        var verdict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(Jwks), "tenant-a");

        verdict.IsValid.Should().Be(valid, verdict.Failure?.Message);
        if (!valid) verdict.Failure.Should().BeOfType<SecurityTokenExpiredException>();
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(90, false)]
    public async Task Not_before_is_judged_with_sixty_seconds_of_skew(int validInSeconds, bool valid)
    {
        var now = DateTime.UtcNow;
        var token = Sign("tenant-a", notBefore: now.AddSeconds(validInSeconds), expires: now.AddMinutes(10));

        var verdict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(Jwks), "tenant-a");

        verdict.IsValid.Should().Be(valid, verdict.Failure?.Message);
        if (!valid) verdict.Failure.Should().BeOfType<SecurityTokenNotYetValidException>();
    }

    [Theory]
    [InlineData("tenant-b")]
    [InlineData(null)]
    public async Task Without_an_expected_tenant_any_valid_token_passes_with_its_claims(string? tenant)
    {
        var verdict = await TokenVerifier.VerifyAsync(Sign(tenant), TokenVerifier.Strict(Jwks), expectedTenant: null);

        verdict.IsValid.Should().BeTrue(verdict.Failure?.Message);
        verdict.Failure.Should().BeNull();
        verdict.Claims.Should().Contain("sub", "alice").And.Contain("iss", IssuerIdentity.Issuer);
        verdict.Claims.GetValueOrDefault(IssuerIdentity.TenantClaim).Should().Be(tenant);
    }

    [Fact]
    public async Task The_expected_tenant_passes_and_another_or_none_is_refused_by_name()
    {
        (await TokenVerifier.VerifyAsync(Sign("tenant-a"), TokenVerifier.Strict(Jwks), "tenant-a")).Should()
            .Match<TokenVerdict>(v => v.IsValid && v.Failure == null && v.Claims["tenant"] == "tenant-a");

        var other = await TokenVerifier.VerifyAsync(Sign("tenant-b"), TokenVerifier.Strict(Jwks), "tenant-a");
        other.IsValid.Should().BeFalse();
        other.Claims["tenant"].Should().Be("tenant-b", "a refused token's claims are kept for the report");
        other.Failure.Should().BeOfType<SecurityTokenTenantException>().Which.Should().Match<SecurityTokenTenantException>(e =>
            e.ActualTenant == "tenant-b" && e.Message == "The token is for tenant 'tenant-b', not 'tenant-a'.");

        var none = await TokenVerifier.VerifyAsync(Sign(null), TokenVerifier.Strict(Jwks), "tenant-a");
        none.Failure.Should().BeOfType<SecurityTokenTenantException>().Which.Should().Match<SecurityTokenTenantException>(e =>
            e.ActualTenant == null && e.Message == "The token has no 'tenant' claim; expected 'tenant-a'.");
    }

    [Fact]
    public async Task An_hs256_token_is_refused_for_its_algorithm_before_any_key_is_tried()
    {
        var hmac = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerIdentity.Issuer, Audience = IssuerIdentity.Audience, Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["tenant"] = "tenant-a" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = "verifier-test" }, SecurityAlgorithms.HmacSha256),
        });

        var verdict = await TokenVerifier.VerifyAsync(hmac, TokenVerifier.Strict(Jwks), "tenant-a");

        verdict.IsValid.Should().BeFalse();
        verdict.Failure.Should().BeOfType<SecurityTokenInvalidAlgorithmException>();
        verdict.Claims.Should().BeEmpty("the token was refused before it was read");
    }

    [Fact]
    public async Task An_unsigned_token_is_left_to_the_handlers_signature_rule_not_reported_as_a_wrong_algorithm()
    {
        // alg "none" and an empty signature: RFC 7519 section 6.1's unsecured JWT.
        var signed = new JsonWebToken(Sign("tenant-a"));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var unsigned = $"{header}.{signed.EncodedPayload}.";

        var verdict = await TokenVerifier.VerifyAsync(unsigned, TokenVerifier.Strict(Jwks), "tenant-a");

        verdict.IsValid.Should().BeFalse();
        verdict.Failure.Should().BeOfType<SecurityTokenInvalidSignatureException>("RequireSignedTokens refuses it as unsigned");
    }

    private static string Sign(string? tenant, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = "alice" };
        if (tenant is not null) claims[IssuerIdentity.TenantClaim] = tenant;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerIdentity.Issuer, Audience = IssuerIdentity.Audience, Claims = claims,
            IssuedAt = notBefore ?? now.AddMinutes(-1), NotBefore = notBefore ?? now.AddMinutes(-1), Expires = expires ?? now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static JsonWebKeySet KeySet()
    {
        var set = new JsonWebKeySet();
        set.Keys.Add(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId }));
        return set;
    }
}
