using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// The token-custody judges against what each layer really answers: the issuer's answers come from the real issuer
/// on loopback; Envoy's no-route 404 (empty body, router.cc RouteNotFound) and its local rate-limit 429 (text
/// "local_rate_limited", issue 10 item 4) are written as those sources describe them.
/// </summary>
public sealed class TokenEndpointJudgeTests(IssuerFixture fixture) : IClassFixture<IssuerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TokenAnswer EnvoyRateLimited = new(429, null, null, null, null, null, "text/plain", "local_rate_limited", null);

    [Fact]
    public async Task The_issuers_refusals_and_grants_are_judged_as_the_issuers()
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var anonymous = await client.RequestTokenAsync(null, TokenAsk.Default, Ct);
        var otherTenant = await client.RequestTokenAsync(fixture.Issuer.Clients.For("tenant-a"), new TokenAsk(Tenant: "tenant-b"), Ct);
        var granted = await client.RequestTokenAsync(fixture.Issuer.Clients.For("tenant-a"), TokenAsk.Default, Ct);

        TokenEndpointJudge.RefusalProblems(anonymous, 401, "invalid_client").Should().BeEmpty();
        TokenEndpointJudge.RefusalProblems(otherTenant, 400, "unauthorized_client").Should().BeEmpty();
        TokenEndpointJudge.RefusalProblems(otherTenant, 400, "invalid_scope").Should().ContainSingle().Which.Should().Contain("unauthorized_client");
        TokenEndpointJudge.RefusalProblems(granted, 401, "invalid_client").Should().Contain(p => p.Contains("a token was handed out"));
        TokenEndpointJudge.GrantProblems(granted, "tenant-a").Should().BeEmpty();
        TokenEndpointJudge.GrantProblems(granted, "tenant-b").Should().ContainSingle().Which.Should().Contain("tenant-a");
        TokenEndpointJudge.RefusalProblems(EnvoyRateLimited, 401, "invalid_client").Should().Contain(p => p.Contains("not the issuer's"));
        granted.ToString().Should().NotContain(granted.AccessToken!, "an answer printed in a report withholds the token");
    }

    [Fact]
    public async Task Envoys_no_route_404_is_told_from_the_issuers_own_404()
    {
        using var http = fixture.Issuer.Http();
        using var issuers = await http.GetAsync("/tokens", Ct);
        var issuer404 = Exchange((int)issuers.StatusCode, await issuers.Content.ReadAsStringAsync(Ct),
            issuers.Content.Headers.ContentType?.ToString());
        var envoy404 = Exchange(404, "", null);

        TokenEndpointJudge.NoRouteProblems(envoy404).Should().BeEmpty();
        TokenEndpointJudge.NoRouteProblems(issuer404).Should().HaveCount(2, "the issuer's 404 has a problem+json body: the request reached it");
        TokenEndpointJudge.NoRouteProblems(Exchange(200, "# HELP issuer_tokens_issued_total", "text/plain")).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_burst_is_judged_answer_by_answer()
    {
        using var client = IssuerClient.For(fixture.Issuer.BaseUrl);
        var wrong = await client.RequestTokenAsync(fixture.Issuer.Clients.For("tenant-a").WithSecret("wrong"), TokenAsk.Default, Ct);
        var granted = await client.RequestTokenAsync(fixture.Issuer.Clients.For("tenant-a"), TokenAsk.Default, Ct);

        var limited = BurstVerdict.Of([wrong, EnvoyRateLimited, wrong, EnvoyRateLimited], 401, "invalid_client");
        (limited.RateLimited, limited.RefusedByIssuer, limited.Unexpected.Count).Should().Be((2, 2, 0));
        var leaked = BurstVerdict.Of([wrong, granted], 401, "invalid_client");
        leaked.Unexpected.Should().ContainSingle().Which.Should().Contain("200").And.Contain("(withheld)");
        BurstVerdict.Of([wrong, wrong], 401, "invalid_client").RateLimited.Should().Be(0, "no 429 means the limit never acted");
    }

    private static GatewayExchange Exchange(int status, string body, string? contentType) => new("GET", new Uri("http://127.0.0.1:8080/issuer/x"), status,
        contentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["content-type"] = contentType },
        body, TimeSpan.Zero, null, null);
}
