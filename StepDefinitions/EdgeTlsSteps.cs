using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Platform.Models;
using Reqnroll;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>TLS at the edge (@tls): handshakes judged by <see cref="TlsVerdict"/>, plain HTTP answers by <see cref="PlainHttpVerdict"/>.</summary>
[Binding]
public sealed class EdgeTlsSteps(EdgeTlsDriver edge, IReqnrollOutputHelper output)
{
    [Given(@"^a client trusting only the platform's CA completes a TLS handshake with the gateway$")]
    public async Task TheTrustedClientCompletes()
    {
        var handshake = await edge.HandshakeTrustingThePlatformCaAsync();
        TlsVerdict.VerifiesAgainst(handshake, Ca).Should().BeEmpty($"the control must complete: {handshake}");
    }

    [When(@"^a client trusting only the platform's CA opens a TLS connection to the gateway$")]
    public Task TheTrustedClientConnects() => edge.HandshakeTrustingThePlatformCaAsync();

    [When(@"^a client trusting only the platform's CA opens a TLS connection to the AI gateway$")]
    public Task TheTrustedClientConnectsToTheAiGateway() => edge.HandshakeWithTheAiGatewayAsync();

    [Then(@"^the handshake completes, the chain ends at the platform's CA, and the certificate names the host the client called$")]
    public void TheChainVerifies()
    {
        output.WriteLine(edge.WithCa!.ToString());
        TlsVerdict.VerifiesAgainst(edge.WithCa, Ca).Should().BeEmpty(edge.WithCa.ToString());
    }

    [When(@"^a client that knows only the machine's trust store attempts a TLS connection to the gateway$")]
    public Task TheUntrustingClientConnects() => edge.HandshakeWithSystemTrustAsync();

    [Then(@"^that client refuses the gateway's certificate at the handshake, for its chain$")]
    public void TheUntrustingClientRefuses()
    {
        output.WriteLine(edge.WithSystemTrust!.ToString());
        TlsVerdict.RefusedForItsChain(edge.WithSystemTrust).Should().BeEmpty(edge.WithSystemTrust.ToString());
    }

    [When(@"^a request without a token is sent over plain HTTP to every default model of the catalog and to the issuer's token endpoint$")]
    public Task PlainHttpToEverything() => edge.CallOverPlainHttpAsync(ModelCatalog.Load(ModelCatalog.BesideAssembly).Defaults, issuerToo: true);

    [When("a request without a token is sent over plain HTTP to {tenant}'s {word}")]
    public Task PlainHttpToOne(Tenant tenant, string model) =>
        edge.CallOverPlainHttpAsync([ModelProber.SteadyStateVersion(tenant, model)], issuerToo: false);

    [Then(@"^every answer is a redirect to the same path and query on the gateway's HTTPS address, none a model's, the issuer's or a token check's$")]
    public void EveryAnswerRedirects()
    {
        edge.PlainHttp.Should().NotBeEmpty("a When step must call the plain HTTP address first");
        foreach (var answer in edge.PlainHttp) output.WriteLine($"{answer.Method} {answer.Url} → {answer.StatusCode} {answer.Header("location")}");
        edge.PlainHttp.SelectMany(a => PlainHttpVerdict.Problems(a, edge.HttpsFor(a))).Should().BeEmpty();
    }

    private GatewayCa Ca => edge.Trust.Ca ?? throw new InvalidOperationException($"No CA to judge against: {edge.Trust}.");
}
