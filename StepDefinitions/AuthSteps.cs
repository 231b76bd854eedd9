using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Tokens;
using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// Tokens against the gateway. "attempts to" steps only record the exchange (the driver never throws on a 4xx);
/// the Then steps assert on it (the refusals in <see cref="RefusalSteps"/>). Tokens are held in the scenario's
/// <see cref="ClientSession"/> (shared with the token-custody steps), never printed: the driver records their claims.
/// </summary>
[Binding]
public sealed class AuthSteps(TokenKit tokens, ModelProber prober, IssuerAudit issuer, ClientSession session, IUnitTestRuntimeProvider runtime,
    ModelCatalog catalog)
{
    [StepArgumentTransformation(@"(.+)")]
    public static TokenDefect Defect(string phrase) => TokenDefectPhrases.Parse(phrase);

    [Given("a client of {tenant} holding {TokenDefect}")]
    public async Task GivenAClientHolding(Tenant tenant, TokenDefect defect)
    {
        if (tokens.SkipReason(defect) is { } reason) runtime.TestIgnore(reason);
        session.Token = await tokens.TokenAsync(tenant, defect);
    }

    [When("the client attempts to call {tenant}'s {word} {word} through the gateway")]
    [When("the client calls {tenant}'s {word} {word} through the gateway")]
    public async Task WhenTheClientCalls(Tenant tenant, string model, string version) =>
        session.LastExchange = await prober.SendAsync(tenant, model, version, session.Token);

    [Then("the model answers with status {int}")]
    public void ThenTheStatusIs(int status) => Exchange.StatusCode.Should().Be(status, "the answer was: {0}", Exchange.Body);

    [Then("the predictions are the catalog's expected output for {tenant}'s {word} {word}")]
    public void ThenThePredictionsAreExpected(Tenant tenant, string model, string version) =>
        GatewayDriver.V1Predictions(Exchange).Should().Equal(catalog.Get(tenant, model, version).ExpectedOutput!);

    [Then("the issuer's JWKS publishes at least one RS256 signing key")]
    public async Task ThenTheJwksPublishesAKey() => (await issuer.Rs256KidsAsync()).Should().NotBeEmpty();

    [Then("every token the issuer hands out now is valid for its tenant against that JWKS")]
    public async Task ThenEveryFreshTokenIsValid() => (await issuer.InvalidFreshTokensAsync()).Should().BeEmpty();

    private GatewayExchange Exchange => session.Exchange;
}
