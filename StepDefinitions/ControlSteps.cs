using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// The control of a negative scenario, right before its refused call: the owner is served, with the catalog's prediction,
/// on the same path. A refusal on a platform that refuses everything proves nothing (issue 17 item 2).
/// </summary>
[Binding]
public sealed class ControlSteps(TenantTraffic traffic, MeshCalls mesh)
{
    [Given(@"^as a control, (tenant-[a-z0-9]+)'s own valid token gets the catalog's prediction from its ([a-z0-9-]+) through the gateway$")]
    public Task TheOwnerIsServedItsSteadyVersion(string tenant, string model) => TheOwnerIsServedThroughTheGateway(tenant, model, null);

    [Given(@"^as a control, (tenant-[a-z0-9]+)'s own valid token gets the catalog's prediction from its ([a-z0-9-]+) (v\d+) through the gateway$")]
    public async Task TheOwnerIsServedThroughTheGateway(string tenant, string model, string? version)
    {
        await traffic.HoldValidTokenAsync(tenant);
        var answer = await traffic.SendProbeAsync(tenant, tenant, model, version);
        answer.StatusCode.Should().Be(200, $"the control {answer.Method} {answer.Url} must be served; it got: {answer.Body}");
        GatewayDriver.V1Predictions(answer).Should().Equal(ModelProber.Version(tenant, model, version).ExpectedOutput);
    }

    [Given(@"^as a control, a pod in (tenant-[a-z0-9]+) with a sidecar gets the catalog's prediction from (tenant-[a-z0-9]+)'s ([a-z0-9-]+) (predictor|predictor pods directly) with (tenant-[a-z0-9]+)'s valid token$")]
    public async Task TheOwnersPodIsServedInTheMesh(string caller, string owner, string model, string target, string holder)
    {
        await traffic.HoldValidTokenAsync(holder);
        var credentials = $"with {holder}'s valid token";
        var result = target.EndsWith("directly", StringComparison.Ordinal)
            ? await mesh.CallPredictorPodsDirectlyAsync(caller, true, owner, model, credentials)
            : await mesh.CallPredictorAsync(caller, withSidecar: true, owner, model, credentials);
        (result.CurlExitCode, result.HttpStatus).Should().Be((0, (int?)200), $"the control from pod {result.Pod} must be served; it saw: {result}");
        KServePayloads.V1Predictions(result.Body, $"pod {result.Pod}").Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);
    }
}
