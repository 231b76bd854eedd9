using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Mutual TLS: plaintext callers are reset by the sidecar; Istio reports gateway-to-model traffic as mutual TLS.</summary>
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

    [Then(@"^the call gets an HTTP answer$")]
    public void TheCallGetsAnHttpAnswer() =>
        (mesh.Last.CurlExitCode, mesh.Last.HttpStatus.HasValue).Should().Be((0, true), $"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Then(@"^Istio's request metrics for (tenant-[a-z0-9]+)'s ([a-z0-9-]+) report every connection as mutual TLS$")]
    public async Task EveryConnectionIsMutualTls(string tenant, string model) =>
        (await metrics.TrafficToAsync(tenant, model)).Should().OnlyContain(t => t.ConnectionSecurityPolicy == "mutual_tls");
}
