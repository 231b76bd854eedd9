using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// Tenant isolation: tokens, gateway answers, in-mesh calls and quota (RBAC: <see cref="AccessReviewSteps"/>). Expected
/// denials use "attempts to".
/// </summary>
[Binding]
public sealed class TenancySteps(TenantTraffic traffic, MeshCalls mesh, ClusterDriver cluster, IReqnrollOutputHelper output)
{
    private QuotaOutcome? _quota;

    [Given("{tenant} holds a valid token")]
    public Task HoldsAValidToken(Tenant tenant) => traffic.HoldValidTokenAsync(tenant);

    [When("{tenant} sends the probe through the gateway to {tenant}'s {word}")]
    [When("{tenant} attempts to send the probe through the gateway to {tenant}'s {word}")]
    public Task SendsTheProbe(Tenant caller, Tenant owner, string model) => traffic.SendProbeAsync(caller, owner, model);

    [Then(@"^the gateway answers (\d+)$")]
    public void TheGatewayAnswers(int status) =>
        traffic.Last.StatusCode.Should().Be(status, $"{traffic.Last.Method} {traffic.Last.Url} answered: {traffic.Last.Body}");

    [Then("the predictions are the catalog's expected output for {tenant}'s {word}")]
    public void ThePredictionsAreExpected(Tenant owner, string model) =>
        GatewayDriver.V1Predictions(traffic.Last).Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);

    // The credentials are free text MeshCalls reads ("with no token", "with a forged … header", "with tenant-b's valid token …"):
    // a regex, with the one tenant pattern.
    [When("^a pod in " + TenantParameter.Capture + " with a sidecar attempts to call " + TenantParameter.Capture + "'s ([a-z0-9-]+) predictor (with .+)$")]
    [When("^a pod in " + TenantParameter.Capture + " with a sidecar calls " + TenantParameter.Capture + "'s ([a-z0-9-]+) predictor (with .+)$")]
    public Task APodAttemptsToCallAPredictor(Tenant caller, Tenant owner, string model, string credentials) =>
        mesh.CallPredictorAsync(caller, withSidecar: true, owner, model, credentials);

    [Then(@"^the mesh refuses it with (\d+) ""(.*)""$")]
    public void TheMeshRefusesIt(int status, string body) =>
        (mesh.Last.CurlExitCode, mesh.Last.HttpStatus, mesh.Last.Body.Trim()).Should().Be((0, status, body), $"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Then("the predictor answers with the catalog's expected output for {tenant}'s {word}")]
    public void ThePredictorAnswers(Tenant owner, string model) =>
        KServePayloads.V1Predictions(mesh.Last.Body, $"pod {mesh.Last.Pod} (curl exit {mesh.Last.CurlExitCode}, HTTP {mesh.Last.HttpStatus})")
            .Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);

    [When("{tenant} attempts to create an InferenceService needing more CPU than its quota allows")]
    public async Task AttemptsToExceedTheQuota(Tenant tenant) => _quota = await cluster.AttemptOverQuotaInferenceServiceAsync(tenant);

    [Then(@"^the InferenceService is refused for exceeding the quota, and the quota message is shown$")]
    public void TheQuotaRefuses()
    {
        output.WriteLine($"Refused by the {_quota!.RefusedBy ?? "(nobody)"}: {_quota.Message}");
        _quota.Message.Should().Contain("exceeded quota", $"it was {(_quota.RefusedBy is null ? "not refused" : "refused by the " + _quota.RefusedBy)}");
    }
}
