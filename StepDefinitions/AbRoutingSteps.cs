using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Platform.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// A/B by header (@ab-routing): x-model-version on tenant-a's sklearn-iris path, judged by <see cref="ModelVersionHeader"/>.
/// The rollout, "has answered" and "all of N" steps, with or without the header, are the canary's (<see cref="CanarySteps"/>);
/// the control is <see cref="ControlSteps"/>'.
/// </summary>
[Binding]
public sealed class AbRoutingSteps(TenantTraffic traffic, GatewayAccessLogReader gatewayLog)
{
    [When("{tenant} sends the probe through the gateway to {tenant}'s {word} with x-model-version {word}")]
    [When("{tenant} attempts to send the probe through the gateway to {tenant}'s {word} with x-model-version {word}")]
    public Task SendsWithTheHeader(Tenant caller, Tenant owner, string model, string asked) =>
        traffic.SendProbeAsync(caller, owner, model, headers: ModelVersionHeader.For(asked));

    [Then(@"^the gateway answers the unknown version itself with the status and body its route declares, and no revision is called$")]
    public async Task TheGatewayRefusesTheVersion()
    {
        var refused = traffic.Last;
        var declared = ModelVersionHeader.UnknownVersionAnswer(RunPaths.ManifestsDir(), refused.Url.Segments[1].TrimEnd('/'));
        GatewayAccessLogEntry? entry = null;
        var lookup = "";
        try { entry = await gatewayLog.FindAsync(refused); }
        catch (WaitTimeoutException e) { lookup = " " + e.Message; }
        ModelVersionHeader.RefusalProblems(refused, declared, entry).Should().BeEmpty($"request id {refused.RequestId}{lookup}");
    }

    [Then("the answer is {tenant}'s own {word} prediction, which is not {tenant}'s {word}")]
    public void TheOwnModelAnswered(Tenant owner, string model, Tenant other, string otherVersion)
    {
        var own = ModelProber.SteadyStateVersion(owner, model).ExpectedOutput;
        var foreign = ModelProber.Version(other, model, otherVersion).ExpectedOutput;
        own.Should().NotEqual(foreign, "the catalog must tell the two apart, or this step proves nothing");
        traffic.Last.StatusCode.Should().Be(200, $"{traffic.Last.Method} {traffic.Last.Url}: {traffic.Last.Body}");
        GatewayDriver.V1Predictions(traffic.Last).Should().Equal(own);
    }
}
