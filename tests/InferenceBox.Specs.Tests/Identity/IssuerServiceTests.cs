using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FluentAssertions;
using InferenceBox.Issuer;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

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
    public async Task Tokens_from_GET_tokens_are_fresh_and_valid_for_each_tenant_against_the_served_jwks()
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var jwks = await client.JwksAsync(Ct);
        var first = await client.TokensAsync(Ct);
        var second = await client.TokensAsync(Ct);
        first.Keys.Should().BeEquivalentTo(IssuerIdentity.Tenants);
        foreach (var (tenant, token) in first)
        {
            var verdict = await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(jwks), tenant);
            verdict.Failure.Should().BeNull();
            verdict.Claims.Keys.Should().BeEquivalentTo("iss", "aud", "sub", "tenant", "iat", "nbf", "exp", "jti");
            new JsonWebToken(token).ValidTo.Should().BeCloseTo(DateTime.UtcNow.AddHours(1), TimeSpan.FromMinutes(1));
            second[tenant].Should().NotBe(token, "every request mints new tokens (new jti)");
        }
    }

    [Fact]
    public async Task POST_token_honours_subject_audience_and_lifetime_and_validates()
    {
        using var http = fixture.Issuer.Http();
        using var response = await http.PostAsJsonAsync("/token",
            new { tenant = "tenant-b", subject = "alice", audience = LoopbackIssuer.SecondAudience, lifetimeSeconds = 120 }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        body.RootElement.GetProperty("expires_in").GetInt32().Should().Be(120);

        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var parameters = TokenVerifier.Strict(await client.JwksAsync(Ct));
        parameters.ValidAudience = LoopbackIssuer.SecondAudience;
        var verdict = await TokenVerifier.VerifyAsync(token, parameters, "tenant-b");
        verdict.Failure.Should().BeNull();
        verdict.Claims["sub"].Should().Be("alice");
        var jwt = new JsonWebToken(token);
        (jwt.ValidTo - jwt.ValidFrom).Should().Be(TimeSpan.FromSeconds(120));

        var viaClient = await client.TokenAsync("tenant-c", ct: Ct);
        (await TokenVerifier.VerifyAsync(viaClient, TokenVerifier.Strict(await client.JwksAsync(Ct)), "tenant-c")).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_restart_with_the_same_key_file_keeps_old_tokens_valid()
    {
        var keyFile = LoopbackIssuer.NewKeyFile();
        string token;
        await using (var before = await LoopbackIssuer.StartAsync(keyFile))
        {
            using var client = IssuerClient.For(before.BaseUrl);
            token = (await client.TokensAsync(Ct))["tenant-a"];
        }
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
        var token = (await client.TokensAsync(Ct))["tenant-a"];
        (await TokenVerifier.VerifyAsync(token, TokenVerifier.Strict(await client.JwksAsync(Ct)), "tenant-a")).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem()
    {
        var act = () => IssuerApp.Build([], [new("Issuer:DevelopmentKey", "true"), new("Issuer:MinLifetimeSeconds", "7200")]);
        act.Should().Throw<IssuerConfigurationException>().WithMessage("*Issuer__Issuer*Issuer__Audiences__0*Issuer__Tenants__0*Lifetimes*");
    }
}
