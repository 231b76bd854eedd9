using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// POST /token over real HTTP on loopback: who may obtain a tenant's token (RFC 6749 §4.4 client credentials), and
/// the §5.2 error each refusal must carry. Every refusal is also checked for what it must not do: hand out a token.
/// </summary>
public sealed class ClientAuthenticationTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IssuerClient Client() => IssuerClient.For(fixture.Issuer.BaseUrl);
    private ClientCredentials TenantA => fixture.Issuer.Clients.For("tenant-a");

    [Fact]
    public async Task Tenant_as_client_with_HTTP_Basic_gets_a_bearer_token_for_its_own_tenant()
    {
        using var client = Client();
        var answer = await client.RequestTokenAsync(TenantA, TokenAsk.Default, Ct);

        answer.Status.Should().Be(200, answer.ToString());
        answer.CacheControl.Should().Be("no-store");
        answer.Pragma.Should().Be("no-cache");
        var jwt = new JsonWebToken(answer.AccessToken);
        jwt.GetClaim("tenant").Value.Should().Be("tenant-a");
        jwt.Subject.Should().Be("tenant-a");
        jwt.GetClaim("client_id").Value.Should().Be("tenant-a");
    }

    [Fact]
    public async Task client_secret_post_works_too()
    {
        using var client = Client();
        var answer = await client.RequestTokenAsync(TenantA, TokenAsk.Default, Ct, secretInBody: true);
        answer.Status.Should().Be(200, answer.ToString());
        new JsonWebToken(answer.AccessToken).GetClaim("tenant").Value.Should().Be("tenant-a");
    }

    public static TheoryData<string> Refusals() =>
    [
        "no credentials", "wrong secret", "unknown client", "Bearer instead of Basic", "Basic that is not base64",
        "Basic and client_secret together", "another tenant", "an audience not granted", "a scope not granted",
        "a lifetime above the maximum", "a lifetime that is not a number", "no grant_type", "the password grant", "grant_type twice",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusal_carries_its_RFC6749_section_5_2_error_and_no_token(string refusal)
    {
        var (status, error) = Expected(refusal);
        using var http = fixture.Issuer.Http();
        using var request = Request(refusal);

        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        ((int)response.StatusCode).Should().Be(status, "{0}: {1}", refusal, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "RFC 6749 section 5.2");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("error").GetString().Should().Be(error, refusal);
        json.RootElement.TryGetProperty("access_token", out _).Should().BeFalse("a refusal hands out no token");
        // §5.2: error_description is restricted to %x20-21 / %x23-5B / %x5D-7E.
        json.RootElement.GetProperty("error_description").GetString().Should().MatchRegex(@"^[\x20\x21\x23-\x5B\x5D-\x7E]+$");
        if (status == 401) response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Basic", "RFC 6749 section 5.2");
    }

    [Fact]
    public async Task An_unknown_client_and_a_wrong_secret_are_told_apart_by_nothing()
    {
        using var client = Client();
        var unknown = await client.RequestTokenAsync(new ClientCredentials("tenant-z", ClientRegistrations.NewSecret()), TokenAsk.Default, Ct);
        var wrong = await client.RequestTokenAsync(TenantA.WithSecret(ClientRegistrations.NewSecret()), TokenAsk.Default, Ct);
        (unknown.Status, unknown.Error, unknown.ErrorDescription).Should().Be((wrong.Status, wrong.Error, wrong.ErrorDescription));
    }

    [Fact]
    public async Task Unrecognized_parameters_are_ignored_as_RFC6749_section_3_2_requires()
    {
        using var http = fixture.Issuer.Http("tenant-a");
        using var response = await http.PostAsync("/token", Form("grant_type=client_credentials&favourite_colour=blue&subject=admin"), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        new JsonWebToken(json.RootElement.GetProperty("access_token").GetString()).Subject.Should().Be("tenant-a", "no one picks their subject");
    }

    private static (int Status, string Error) Expected(string refusal) => refusal switch
    {
        "no credentials" or "wrong secret" or "unknown client" or "Bearer instead of Basic" or "Basic that is not base64" => (401, "invalid_client"),
        "another tenant" => (400, "unauthorized_client"),
        "an audience not granted" or "a scope not granted" => (400, "invalid_scope"),
        "the password grant" => (400, "unsupported_grant_type"),
        _ => (400, "invalid_request"),
    };

    private HttpRequestMessage Request(string refusal)
    {
        var (auth, form) = refusal switch
        {
            "no credentials" => (null, "grant_type=client_credentials"),
            "wrong secret" => (TenantA.WithSecret("not-the-secret").BasicHeader(), "grant_type=client_credentials"),
            "unknown client" => (new ClientCredentials("tenant-z", "x").BasicHeader(), "grant_type=client_credentials"),
            "Bearer instead of Basic" => (new AuthenticationHeaderValue("Bearer", "abc"), "grant_type=client_credentials"),
            "Basic that is not base64" => (new AuthenticationHeaderValue("Basic", "%%%"), "grant_type=client_credentials"),
            "Basic and client_secret together" => (TenantA.BasicHeader(), "grant_type=client_credentials&client_secret=x"),
            "another tenant" => (TenantA.BasicHeader(), "grant_type=client_credentials&tenant=tenant-b"),
            "an audience not granted" => (TenantA.BasicHeader(), $"grant_type=client_credentials&audience={LoopbackIssuer.SecondAudience}"),
            "a scope not granted" => (TenantA.BasicHeader(), "grant_type=client_credentials&scope=predict+admin"),
            "a lifetime above the maximum" => (TenantA.BasicHeader(), "grant_type=client_credentials&expires_in=3601"),
            "a lifetime that is not a number" => (TenantA.BasicHeader(), "grant_type=client_credentials&expires_in=1e3"),
            "no grant_type" => (TenantA.BasicHeader(), "scope=predict"),
            "the password grant" => (TenantA.BasicHeader(), "grant_type=password&username=a&password=b"),
            "grant_type twice" => (TenantA.BasicHeader(), "grant_type=client_credentials&grant_type=client_credentials"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Form(form) };
        request.Headers.Authorization = auth;
        return request;
    }

    private static ByteArrayContent Form(string form)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(form));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return content;
    }
}
