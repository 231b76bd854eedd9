using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Security;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Mutual TLS: plaintext callers are reset by the sidecar; a sidecar caller gets an answer only a completed handshake gives; the scenario's own gateway request is counted as mutual TLS.</summary>
[Binding]
public sealed class MtlsSteps(TenantTraffic traffic, MeshCalls mesh, MeshTlsMetrics metrics)
{
    [Given("{tenant}'s {word} model is warm")]
    public Task TheModelIsWarm(Tenant tenant, string model) => traffic.MustWarmAsync(tenant, model);

    [When("a pod in {tenant} with a sidecar attempts to call {tenant}'s {word} predictor pods directly")]
    public Task APodWithASidecarCallsThePredictorPods(Tenant caller, Tenant owner, string model) =>
        mesh.CallPredictorPodsDirectlyAsync(caller, true, owner, model);

    [When("a pod in {tenant} without a sidecar attempts to call {tenant}'s {word} predictor pods directly")]
    public Task APodWithoutASidecarCallsThePredictorPods(Tenant caller, Tenant owner, string model) =>
        mesh.CallPredictorPodsDirectlyAsync(caller, false, owner, model);

    [Then(@"^the connection is reset before any HTTP answer \(curl exit 56\)$")]
    public void TheConnectionIsReset() =>
        (mesh.Last.CurlExitCode, mesh.Last.HttpStatus).Should().Be((56, (int?)null), $"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Then("the call gets an answer only a completed mutual TLS exchange gives, from {tenant}'s {word}'s sidecar")]
    public void TheCallCompletedTheHandshake(Tenant owner, string model) =>
        MeshTlsAnswer.WhyNot(mesh.Last, ModelProber.SteadyStateVersion(owner, model).ExpectedOutput!).Should().BeNull($"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Given("Istio's counts of requests from the gateway path to {tenant}'s {word} are noted")]
    public Task CountsNoted(Tenant tenant, string model) => metrics.NoteAsync(tenant, model);

    [Then(@"^Istio's count of mutual TLS requests from the gateway path rises by at least (\d+), and no other count rises$")]
    public async Task TheRiseIsMutualTls(int atLeast) =>
        MeshTlsMetrics.WhyNotMutualTls(await metrics.RisesAsync(atLeast), atLeast).Should().BeNull();
}
