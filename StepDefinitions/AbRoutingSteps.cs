using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>A/B by header (@ab-routing): x-model-version on tenant-a's sklearn-iris path, judged by <see cref="HeaderRoutingVerdict"/>
/// and <see cref="ModelVersionHeader"/>.</summary>
[Binding]
public sealed class AbRoutingSteps(ServingScenario scenario, ModelProber prober, CanaryDriver canary, TenantTraffic traffic,
    GatewayAccessLogReader gatewayLog, IReqnrollOutputHelper output)
{
    [Then(@"^(v\d+) of (\S+) of (tenant-[a-z]+) has answered at least once through the gateway with x-model-version (v\d+)$")]
    public async Task HasAnsweredWithTheHeader(string version, string model, string tenant, string asked) =>
        output.WriteLine("Converged: " + await canary.WaitUntilAnsweredByAsync(scenario.Versions(tenant, model), version, headers: ModelVersionHeader.For(asked)));

    [Then(@"^all of (\d+) requests to (\S+) of (tenant-[a-z]+) with x-model-version (v\d+) are answered by (v\d+)$")]
    public async Task AllAnsweredByTheAskedVersion(int count, string model, string tenant, string asked, string version)
    {
        var answers = await prober.ProbeManyAsync(scenario.Versions(tenant, model), count, headers: ModelVersionHeader.For(asked));
        HeaderRoutingVerdict.Problems(answers, version, count).Should().BeEmpty();
    }

    [Given(@"^as a control, (tenant-[a-z0-9]+)'s own valid token gets the catalog's prediction from its ([a-z0-9-]+) (v\d+) through the gateway with x-model-version (v\d+)$")]
    public async Task TheOwnerIsServedTheAskedVersion(string tenant, string model, string version, string asked)
    {
        await traffic.HoldValidTokenAsync(tenant);
        var answer = await traffic.SendProbeAsync(tenant, tenant, model, version, headers: ModelVersionHeader.For(asked));
        answer.StatusCode.Should().Be(200, $"the control {answer.Method} {answer.Url} must be served; it got: {answer.Body}");
        GatewayDriver.V1Predictions(answer).Should().Equal(ModelProber.Version(tenant, model, version).ExpectedOutput);
    }

    [When(@"^(tenant-[a-z0-9]+) (?:sends|attempts to send) the probe through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+) with x-model-version (\S+)$")]
    public Task SendsWithTheHeader(string caller, string owner, string model, string asked) =>
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

    [Then(@"^the answer is (tenant-[a-z0-9]+)'s own ([a-z0-9-]+) prediction, which is not (tenant-[a-z0-9]+)'s (v\d+)$")]
    public void TheOwnModelAnswered(string owner, string model, string other, string otherVersion)
    {
        var own = ModelProber.SteadyStateVersion(owner, model).ExpectedOutput;
        var foreign = ModelProber.Version(other, model, otherVersion).ExpectedOutput;
        own.Should().NotEqual(foreign, "the catalog must tell the two apart, or this step proves nothing");
        traffic.Last.StatusCode.Should().Be(200, $"{traffic.Last.Method} {traffic.Last.Url}: {traffic.Last.Body}");
        GatewayDriver.V1Predictions(traffic.Last).Should().Equal(own);
    }
}
