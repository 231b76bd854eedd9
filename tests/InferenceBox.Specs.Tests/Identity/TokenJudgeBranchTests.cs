using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// Each branch of the token-endpoint judges with answers that differ from the issuer's own in exactly one property
/// (issue 20). The issuer's answer shapes are those TokenEndpointJudgeTests receives from the real issuer on loopback:
/// RFC 6749 §5.2 JSON with Cache-Control: no-store and Pragma: no-cache; Envoy's local 429 is text "local_rate_limited".
/// </summary>
public sealed class TokenJudgeBranchTests
{
    private static readonly TokenAnswer IssuerRefusal =
        new(401, "invalid_client", "unknown client", "Basic realm=\"issuer\"", "no-store", "no-cache", "application/json; charset=utf-8", "{\"error\":\"invalid_client\"}", null);
    private static readonly TokenAnswer Grant = new(200, null, null, null, "no-store", "no-cache", "application/json", "{}", 300) { AccessToken = Token("tenant-a") };
    private static readonly TokenAnswer EnvoyRateLimited = new(429, null, null, null, null, null, "text/plain", "local_rate_limited\n", null);

    [Fact]
    public void The_issuers_own_refusal_has_no_problem_and_each_difference_is_one_problem()
    {
        TokenEndpointJudge.RefusalProblems(IssuerRefusal, 401, "invalid_client").Should().BeEmpty();
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { CacheControl = "No-Store, max-age=0" }, 401, "invalid_client").Should().BeEmpty();

        TokenEndpointJudge.RefusalProblems(IssuerRefusal, 400, "invalid_client").Should().Equal("status 401, not 400");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal, 401, "invalid_grant").Should()
            .Equal("error \"invalid_client\", not \"invalid_grant\" (unknown client)");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { ContentType = "text/plain" }, 401, "invalid_client").Should()
            .Equal("the body is not the issuer's RFC 6749 section 5.2 JSON");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { Error = null }, 401, "invalid_client").Should()
            .Equal("the body is not the issuer's RFC 6749 section 5.2 JSON");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { AccessToken = "x" }, 401, "invalid_client").Should().Equal("a token was handed out");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { CacheControl = null }, 401, "invalid_client").Should()
            .Equal("Cache-Control is \"\", not no-store");
        TokenEndpointJudge.RefusalProblems(IssuerRefusal with { CacheControl = "private" }, 401, "invalid_client").Should()
            .Equal("Cache-Control is \"private\", not no-store");
    }

    [Fact]
    public void A_grant_needs_a_token_for_the_tenant_that_no_cache_may_keep()
    {
        TokenEndpointJudge.GrantProblems(Grant, "tenant-a").Should().BeEmpty();
        TokenEndpointJudge.GrantProblems(Grant, "tenant-b").Should().Equal("the token is for tenant \"tenant-a\", not \"tenant-b\"");
        TokenEndpointJudge.GrantProblems(Grant with { AccessToken = Token(null) }, "tenant-a").Should().Equal("the token is for tenant \"\", not \"tenant-a\"");
        TokenEndpointJudge.GrantProblems(Grant with { Status = 201 }, "tenant-a").Should().ContainSingle().Which.Should().StartWith("no token: 201");
        TokenEndpointJudge.GrantProblems(Grant with { AccessToken = null }, "tenant-a").Should().ContainSingle().Which.Should().StartWith("no token: 200");
        TokenEndpointJudge.GrantProblems(Grant with { CacheControl = null, Pragma = null }, "tenant-a").Should()
            .Equal("no Cache-Control: no-store", "no Pragma: no-cache");
        TokenEndpointJudge.GrantProblems(Grant with { CacheControl = "max-age=60", Pragma = "public" }, "tenant-a").Should()
            .Equal("no Cache-Control: no-store", "no Pragma: no-cache");
    }

    [Fact]
    public void Only_envoys_429_with_its_text_is_the_gateways_rate_limit()
    {
        TokenEndpointJudge.IsGatewayRateLimit(EnvoyRateLimited).Should().BeTrue("the body is trimmed");
        TokenEndpointJudge.IsGatewayRateLimit(EnvoyRateLimited with { Status = 503 }).Should().BeFalse();
        TokenEndpointJudge.IsGatewayRateLimit(EnvoyRateLimited with { Body = "Too Many Requests" }).Should().BeFalse();
    }

    [Fact]
    public void A_burst_counts_the_limited_the_refused_and_names_the_rest()
    {
        var verdict = BurstVerdict.Of([IssuerRefusal, EnvoyRateLimited, IssuerRefusal, EnvoyRateLimited, EnvoyRateLimited, Grant], 401, "invalid_client");

        (verdict.RateLimited, verdict.RefusedByIssuer).Should().Be((3, 2));
        verdict.Unexpected.Should().Equal(Grant.ToString());
        verdict.Unexpected[0].Should().Contain("token=(withheld)");
    }

    [Fact]
    public void An_answer_of_the_issuers_status_that_is_not_its_refusal_is_unexpected_not_refused_by_the_issuer()
    {
        // A 401 from another layer: the status the issuer uses, but text and no no-store (not RFC 6749 section 5.2 JSON).
        var foreign401 = new TokenAnswer(401, null, null, "Bearer realm=\"http://127.0.0.1:8080/issuer/token\"", null, null, "text/plain", "Jwt is missing", null);

        var verdict = BurstVerdict.Of([IssuerRefusal, foreign401], 401, "invalid_client");

        (verdict.RateLimited, verdict.RefusedByIssuer).Should().Be((0, 1));
        verdict.Unexpected.Should().Equal(foreign401.ToString());
    }

    [Fact]
    public void Envoys_no_route_answer_is_an_empty_404_without_a_content_type()
    {
        TokenEndpointJudge.NoRouteProblems(Exchange(404, "", null)).Should().BeEmpty();
        TokenEndpointJudge.NoRouteProblems(Exchange(403, "", null)).Should().Equal("status 403, not 404");
        TokenEndpointJudge.NoRouteProblems(Exchange(404, "x", null)).Should().Equal("a body came back (\"x\"): a route reached something");
        TokenEndpointJudge.NoRouteProblems(Exchange(404, "", "application/problem+json")).Should()
            .Equal("Content-Type application/problem+json: Envoy's no-route answer has none");
        TokenEndpointJudge.NoRouteProblems(Exchange(404, new string('y', 81), null)).Should()
            .Equal($"a body came back (\"{new string('y', 80)}…\"): a route reached something");
    }

    [Fact]
    public void Every_feature_phrase_names_one_defect_and_an_unknown_one_lists_them_all()
    {
        TokenDefectPhrases.Parse("  An Expired Token ").Should().Be(TokenDefect.Expired);
        TokenDefectPhrases.All.Values.Should().BeEquivalentTo(Enum.GetValues<TokenDefect>(), "every defect has one phrase");
        TokenDefectPhrases.Parse("a valid token").Should().Be(TokenDefect.None);
        TokenDefectPhrases.Parse("an HS256 token keyed with the public key").Should().Be(TokenDefect.Hs256WithPublicKey);

        var act = () => TokenDefectPhrases.Parse("a stale token");

        act.Should().Throw<ArgumentException>().WithParameterName("phrase")
            .WithMessage("Unknown token phrase \"a stale token\". Use one of: a valid token; no token; *; a token with a tampered payload.*");
    }

    private static GatewayExchange Exchange(int status, string body, string? contentType) => new("GET", new Uri("http://127.0.0.1:8080/issuer/x"), status,
        contentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Content-Type"] = contentType },
        body, TimeSpan.Zero, null, null);

    private static string Token(string? tenant) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = tenant is null ? new Dictionary<string, object> { ["sub"] = "a" } : new Dictionary<string, object> { ["tenant"] = tenant },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
    });
}
