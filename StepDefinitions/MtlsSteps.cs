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
    [Given(@"^(tenant-[a-z0-9]+)'s ([a-z0-9-]+) model is warm$")]
    public Task TheModelIsWarm(string tenant, string model) => traffic.WarmAsync(tenant, model);

    [When(@"^a pod in (tenant-[a-z0-9]+) (with|without) a sidecar attempts to call (tenant-[a-z0-9]+)'s ([a-z0-9-]+) predictor pods directly$")]
    public Task APodCallsThePredictorPods(string caller, string sidecar, string owner, string model) =>
        mesh.CallPredictorPodsDirectlyAsync(caller, sidecar == "with", owner, model);

    [Then(@"^the connection is reset before any HTTP answer \(curl exit 56\)$")]
    public void TheConnectionIsReset() =>
        (mesh.Last.CurlExitCode, mesh.Last.HttpStatus).Should().Be((56, (int?)null), $"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Then(@"^the call gets an answer only a completed mutual TLS exchange gives, from (tenant-[a-z0-9]+)'s ([a-z0-9-]+)'s sidecar$")]
    public void TheCallCompletedTheHandshake(string owner, string model) =>
        MeshTlsAnswer.WhyNot(mesh.Last, TenantTraffic.SteadyModel(owner, model).ExpectedOutput!).Should().BeNull($"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Given(@"^Istio's counts of requests from the gateway path to (tenant-[a-z0-9]+)'s ([a-z0-9-]+) are noted$")]
    public Task CountsNoted(string tenant, string model) => metrics.NoteAsync(tenant, model);

    [Then(@"^Istio's count of mutual TLS requests from the gateway path rises by at least (\d+), and no other count rises$")]
    public async Task TheRiseIsMutualTls(int atLeast) =>
        MeshTlsMetrics.WhyNotMutualTls(await metrics.RisesAsync(atLeast), atLeast).Should().BeNull();
}
