using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Security;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>The ways to a model and what tenants' pods may open (issue 19 items 3, 5, 6, 7). Expected refusals use "attempts to".</summary>
[Binding]
public sealed class WaysInSteps(SecurityCalls calls, TenantTraffic traffic, ClusterDriver cluster)
{
    [Given(@"^as a control, a pod in (tenant-[a-z0-9]+) without a sidecar gets \1's prediction from ([a-z0-9-]+) through the model gateway inside the cluster$")]
    public async Task TheFrontDoorServes(string tenant, string model)
    {
        var result = await calls.CallModelGatewayInsideAsync(tenant, model);
        (result.CurlExitCode, result.HttpStatus).Should().Be((0, (int?)200), $"the control from pod {result.Pod} must be served; it saw: {result}");
        KServePayloads.V1Predictions(result.Body, $"pod {result.Pod}").Should().Equal(ModelProber.SteadyStateVersion(tenant, model).ExpectedOutput);
    }

    [When(@"^a pod in (tenant-[a-z0-9]+) (with|without) a sidecar attempts to ask Knative's activator for (tenant-[a-z0-9]+)'s ([a-z0-9-]+) with \3's valid token$")]
    public Task AskTheActivator(string caller, string sidecar, string owner, string model) =>
        calls.AskTheActivatorAsync(caller, sidecar == "with", owner, model);

    [Then(@"^the activator's sidecar resets the connection before any HTTP answer \(curl exit 56\)$")]
    public void TheActivatorResets() => ConnectionVerdict.WhyNotReset(calls.Last).Should().BeNull();

    [When(@"^a pod in (tenant-[a-z0-9]+) without a sidecar attempts to call (tenant-[a-z0-9]+)'s ([a-z0-9-]+) through Istio's knative-local-gateway with \2's valid token$")]
    public Task CallTheLocalGateway(string caller, string owner, string model) => calls.CallThroughLocalGatewayAsync(caller, owner, model);

    [When(@"^a pod in (tenant-[a-z0-9]+) without a sidecar attempts to open (.+)$")]
    public Task OpenAnEndpoint(string caller, string endpoint) => calls.OpenAsync(caller, endpoint);

    [Then(@"^the connection is dropped before it opens \(curl exit 28, no answer\)$")]
    public void TheConnectionIsDropped() => ConnectionVerdict.WhyNotDropped(calls.Last).Should().BeNull();

    [When(@"^(tenant-[a-z0-9]+) attempts to send the probe through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+) with its valid token in the access_token query parameter$")]
    public Task SendTheTokenInTheQuery(string caller, string owner, string model) => traffic.SendProbeWithTokenInQueryAsync(caller, owner, model);

    [Then(@"^Istio's ingress gateway Service is ClusterIP, with no node port$")]
    public async Task TheIngressGatewayIsInternal() =>
        EntryPointVerdict.WhyNotInternal(await cluster.ServiceExposureAsync("istio-system", "istio-ingressgateway")).Should().BeNull();

    [Then(@"^every InferenceService's URL is cluster-local$")]
    public async Task EveryModelIsClusterLocal()
    {
        var models = await cluster.InferenceServiceUrlsAsync();
        models.Where(m => m.Url is not null).Should().NotBeEmpty("the tenants' models must be deployed to be judged");
        EntryPointVerdict.NotClusterLocal(models).Should().BeEmpty();
    }
}
