using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using InferenceBox.Issuer;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>The issuer over real HTTP on loopback: JWKS, fresh valid tokens, restarts, startup faults.</summary>
public sealed class IssuerServiceTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jwks_publishes_the_signing_key_as_RS256_with_its_RFC7638_thumbprint_as_kid()
    {
        using var http = fixture.Issuer.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/.well-known/jwks.json", Ct));
        var key = document.RootElement.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
        key.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("kty", "use", "alg", "kid", "n", "e");
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.GetProperty("alg").GetString().Should().Be("RS256");
        key.GetProperty("use").GetString().Should().Be("sig");
        key.GetProperty("kid").GetString().Should().Be(TrustedKey.Load(fixture.KeyFile).Kid, "kid is the key file's thumbprint");
        Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()).Should().HaveCount(256, "a 2048-bit modulus");
    }

    [Fact]
    public void Thumbprint_matches_the_example_of_RFC7638_section_3_1()
    {
        var parameters = new RSAParameters
        {
            Modulus = Base64UrlEncoder.DecodeBytes(
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"),
            Exponent = Base64UrlEncoder.DecodeBytes("AQAB"),
        };
        SigningKeys.Thumbprint(parameters).Should().Be("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        TrustedKey.Thumbprint(parameters).Should().Be("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    [Fact]
    public async Task Each_tenants_client_obtains_fresh_valid_tokens_for_its_own_tenant_against_the_served_jwks()
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var jwks = await client.JwksAsync(Ct);
        foreach (var tenant in PlatformTenants.All)
        {
            var token = await fixture.Issuer.TokenAsync(tenant);
            var verdict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(jwks), tenant);
            verdict.Failure.Should().BeNull();
            verdict.Claims.Keys.Should().BeEquivalentTo("iss", "aud", "sub", "client_id", "tenant", "scope", "iat", "nbf", "exp", "jti");
            verdict.Claims["sub"].Should().Be(ClientRegistrations.ClientIdOf(tenant), "RFC 9068 section 2.2: the client is the subject");
            verdict.Claims["scope"].Should().Be(ClientRegistrations.Scope);
            new JsonWebToken(token).ValidTo.Should().BeCloseTo(DateTime.UtcNow.AddHours(1), TimeSpan.FromMinutes(1));
            (await fixture.Issuer.TokenAsync(tenant)).Should().NotBe(token, "every request mints a new token (new jti)");
        }
    }

    [Fact]
    public async Task A_shorter_lifetime_is_honoured_and_the_answer_is_never_cached()
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var answer = await client.TokenAsync(fixture.Issuer.Clients.For("tenant-b"), new TokenAsk(ExpiresIn: 120), Ct);

        answer.ExpiresIn.Should().Be(120);
        answer.CacheControl.Should().Be("no-store", "RFC 6749 section 5.1");
        answer.Pragma.Should().Be("no-cache", "RFC 6749 section 5.1");
        var jwt = new JsonWebToken(answer.AccessToken);
        (jwt.ValidTo - jwt.ValidFrom).Should().Be(TimeSpan.FromSeconds(120));
        (await TokenVerifier.VerifyAsync(answer.AccessToken, TokenVerifier.Strict(await client.JwksAsync(Ct)), "tenant-b")).Failure.Should().BeNull();
    }

    [Fact]
    public async Task A_restart_with_the_same_key_file_keeps_old_tokens_valid()
    {
        var keyFile = LoopbackIssuer.NewKeyFile();
        string token;
        await using (var before = await LoopbackIssuer.StartAsync(keyFile)) token = await before.TokenAsync("tenant-a");
        await using var after = await LoopbackIssuer.StartAsync(keyFile);
        using var restarted = IssuerClient.For(after.BaseUrl);
        var verdict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(await restarted.JwksAsync(Ct)), "tenant-a");
        verdict.Failure.Should().BeNull("the restarted issuer publishes the same key under the same kid");
    }

    [Fact]
    public async Task Additional_public_keys_are_published_for_rotation()
    {
        var next = LoopbackIssuer.NewKeyFile(publicOnly: true);
        await using var issuer = await LoopbackIssuer.StartAsync(fixture.KeyFile, ("Issuer:AdditionalPublicKeyFiles:0", next));
        using var client = IssuerClient.For(issuer.BaseUrl);
        var jwks = await client.JwksAsync(Ct);
        jwks.Keys.Select(k => k.Kid).Should().HaveCount(2).And.OnlyHaveUniqueItems().And.Contain(TrustedKey.Load(fixture.KeyFile).Kid);
    }

    [Fact]
    public void Startup_without_a_key_file_and_without_development_mode_fails_clearly()
    {
        var act = () => IssuerApp.Build([], LoopbackIssuer.PlatformConfiguration(keyFile: null));
        act.Should().Throw<IssuerConfigurationException>()
            .WithMessage("*Issuer__SigningKeyFile*Issuer__DevelopmentKey=true*");
    }

    [Fact]
    public void Startup_with_a_missing_or_public_only_key_file_fails_naming_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "signing-key.pem");
        FluentActions.Invoking(() => IssuerApp.Build([], LoopbackIssuer.PlatformConfiguration(missing)))
            .Should().Throw<IssuerConfigurationException>().WithMessage($"*{missing}*does not exist*");
        var publicOnly = LoopbackIssuer.NewKeyFile(publicOnly: true);
        FluentActions.Invoking(() => IssuerApp.Build([], LoopbackIssuer.PlatformConfiguration(publicOnly)))
            .Should().Throw<IssuerConfigurationException>().WithMessage($"*{publicOnly}*no RSA private key*")
            .Which.Message.Should().NotContain("BEGIN PUBLIC KEY\n", "the key's content is never echoed");
    }

    [Fact]
    public async Task Development_mode_generates_a_key_only_when_asked()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(null, ("Issuer:DevelopmentKey", "true"));
        using var client = IssuerClient.For(issuer.BaseUrl);
        var token = await issuer.TokenAsync("tenant-a");
        (await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(await client.JwksAsync(Ct)), "tenant-a")).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem()
    {
        var act = () => IssuerApp.Build([], [new("Issuer:DevelopmentKey", "true"), new("Issuer:MinLifetimeSeconds", "7200")]);
        act.Should().Throw<IssuerConfigurationException>().WithMessage("*Issuer__Issuer*Issuer__Audiences__0*Issuer__Tenants__0*Lifetimes*");
    }

    [Fact]
    public void A_maximum_lifetime_above_one_hour_is_refused_at_startup()
    {
        var act = () => IssuerApp.Build([], [.. LoopbackIssuer.PlatformConfiguration(LoopbackIssuer.NewKeyFile()),
            new("Issuer:DefaultLifetimeSeconds", "3600"), new("Issuer:MaxLifetimeSeconds", "86400")]);
        act.Should().Throw<IssuerConfigurationException>().WithMessage("*MaxLifetimeSeconds must be at most 3600*86400*");
    }
}
