using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Serving;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// The control of a negative scenario, right before its refused call: the owner is served, with the catalog's prediction,
/// on the same path. A refusal on a platform that refuses everything proves nothing (issue 17 item 2).
/// </summary>
[Binding]
public sealed class ControlSteps(TenantTraffic traffic, MeshCalls mesh)
{
    [Given("as a control, {tenant}'s own valid token gets the catalog's prediction from its {word} through the gateway")]
    public Task TheOwnerIsServedItsSteadyVersion(Tenant tenant, string model) => TheOwnerIsServed(tenant, model, null, null);

    [Given("as a control, {tenant}'s own valid token gets the catalog's prediction from its {word} {word} through the gateway")]
    public Task TheOwnerIsServedTheVersion(Tenant tenant, string model, string version) => TheOwnerIsServed(tenant, model, version, null);

    [Given("as a control, {tenant}'s own valid token gets the catalog's prediction from its {word} {word} through the gateway with x-model-version {word}")]
    public Task TheOwnerIsServedTheAskedVersion(Tenant tenant, string model, string version, string asked) =>
        TheOwnerIsServed(tenant, model, version, ModelVersionHeader.For(asked));

    [Given("as a control, a pod in {tenant} with a sidecar gets the catalog's prediction from {tenant}'s {word} predictor with {tenant}'s valid token")]
    public Task TheOwnersPodIsServedByThePredictor(Tenant caller, Tenant owner, string model, Tenant holder) =>
        TheOwnersPodIsServedInTheMesh(caller, owner, model, holder, directly: false);

    [Given("as a control, a pod in {tenant} with a sidecar gets the catalog's prediction from {tenant}'s {word} predictor pods directly with {tenant}'s valid token")]
    public Task TheOwnersPodIsServedByThePredictorPods(Tenant caller, Tenant owner, string model, Tenant holder) =>
        TheOwnersPodIsServedInTheMesh(caller, owner, model, holder, directly: true);

    private async Task TheOwnerIsServed(string tenant, string model, string? version, IReadOnlyDictionary<string, string>? headers)
    {
        await traffic.HoldValidTokenAsync(tenant);
        var answer = await traffic.SendProbeAsync(tenant, tenant, model, version, headers: headers);
        answer.StatusCode.Should().Be(200, $"the control {answer.Method} {answer.Url} must be served; it got: {answer.Body}");
        GatewayDriver.V1Predictions(answer).Should().Equal(ModelProber.Version(tenant, model, version).ExpectedOutput);
    }

    private async Task TheOwnersPodIsServedInTheMesh(string caller, string owner, string model, string holder, bool directly)
    {
        await traffic.HoldValidTokenAsync(holder);
        var credentials = $"with {holder}'s valid token";
        var result = directly
            ? await mesh.CallPredictorPodsDirectlyAsync(caller, true, owner, model, credentials)
            : await mesh.CallPredictorAsync(caller, withSidecar: true, owner, model, credentials);
        (result.CurlExitCode, result.HttpStatus).Should().Be((0, (int?)200), $"the control from pod {result.Pod} must be served; it saw: {result}");
        KServePayloads.V1Predictions(result.Body, $"pod {result.Pod}").Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);
    }
}
