using FluentAssertions;
using InferenceBox.Specs.Support.Tokens;
using Reqnroll;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// Who may obtain a tenant's token. Each When step records the token endpoint's answer (never throws on 4xx); each
/// Then step asserts on a verdict of <see cref="TokenEndpointJudge"/>, which names the layer that answered.
/// </summary>
[Binding]
public sealed class TokenCustodySteps(TokenCustody custody, IClientCredentialsSource credentials, ClientSession session)
{
    [Given("a client without credentials")]
    public void GivenNoCredentials() => session.Credentials = null;

    [Given("a client holding {tenant}'s client credentials")]
    public async Task GivenCredentials(Tenant tenant) => session.Credentials = await credentials.ForTenantAsync(tenant, default);

    [Given("a client holding {tenant}'s client id with a wrong secret")]
    public async Task GivenWrongSecret(Tenant tenant) =>
        session.Credentials = (await credentials.ForTenantAsync(tenant, default)).WithSecret(ClientRegistrations.NewSecret());

    [When("the client asks the issuer through the gateway for a token for {tenant}")]
    public Task WhenAskingFor(Tenant tenant) => custody.AskAsync(new TokenAsk(Tenant: tenant));

    [When("the client asks the issuer through the gateway for a token for {tenant} with audience {string}")]
    public Task WhenAskingForAudience(Tenant tenant, string audience) => custody.AskAsync(new TokenAsk(Tenant: tenant, Audience: audience));

    [When("the client asks the issuer through the gateway for a token for {tenant} lasting {int} seconds")]
    public Task WhenAskingForLifetime(Tenant tenant, int seconds) => custody.AskAsync(new TokenAsk(Tenant: tenant, ExpiresIn: seconds));

    [When("the client sends a burst of {int} token requests through the gateway")]
    public Task WhenBursting(int count) => custody.BurstAsync(count);

    [When("anyone requests GET {word} through the gateway")]
    public Task WhenAnyoneRequests(string path) => custody.GetThroughGatewayAsync(path);

    [Then("the issuer refuses with status {int} and error {string}")]
    public void ThenTheIssuerRefuses(int status, string error) =>
        TokenEndpointJudge.RefusalProblems(session.Answer, status, error).Should().BeEmpty("the answer was: {0}", session.Answer);

    [Then("the refusal asks the client to authenticate with HTTP Basic")]
    public void ThenTheChallengeIsBasic() => session.Answer.Challenge.Should().StartWith("Basic", "RFC 6749 section 5.2: {0}", session.Answer);

    [Then("no token is handed out")]
    public void ThenNoToken() => session.Answer.HasToken.Should().BeFalse();

    [Then("the issuer hands out a token for {tenant} that no cache may store")]
    public void ThenATokenFor(Tenant tenant) => TokenEndpointJudge.GrantProblems(session.Answer, tenant).Should().BeEmpty();

    [Then("the gateway answers 404 itself, without reaching the issuer")]
    public void ThenNoRoute() => TokenEndpointJudge.NoRouteProblems(session.Exchange).Should().BeEmpty("the answer was {0}", session.Exchange.Body);

    [Then("the gateway refuses at least one with 429 and the issuer refuses every other one with {int} {string}")]
    public void ThenTheBurstIsLimited(int status, string error)
    {
        var verdict = BurstVerdict.Of(session.Burst, status, error);
        verdict.Unexpected.Should().BeEmpty(verdict.ToString());
        verdict.RateLimited.Should().BePositive(verdict.ToString());
    }

    [Then("{tenant}'s client is served by the token endpoint again within the rate-limit window")]
    public async Task ThenServedAgain(Tenant tenant) =>
        (await custody.ServedAgainAsync(await credentials.ForTenantAsync(tenant, default))).WhyNot.Should().BeNull();
}
