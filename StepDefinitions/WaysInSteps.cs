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
    [Given("as a control, a pod in {tenant} without a sidecar gets {tenant}'s prediction from {word} through the model gateway inside the cluster")]
    public async Task TheFrontDoorServes(Tenant tenant, Tenant owner, string model)
    {
        Same(owner, tenant, "the control asks for the pod's own tenant's prediction");
        var result = await calls.CallModelGatewayInsideAsync(tenant, model);
        (result.CurlExitCode, result.HttpStatus).Should().Be((0, (int?)200), $"the control from pod {result.Pod} must be served; it saw: {result}");
        KServePayloads.V1Predictions(result.Body, $"pod {result.Pod}").Should().Equal(ModelProber.SteadyStateVersion(tenant, model).ExpectedOutput);
    }

    [When("a pod in {tenant} with a sidecar attempts to ask Knative's activator for {tenant}'s {word} with {tenant}'s valid token")]
    public Task AskTheActivatorWithASidecar(Tenant caller, Tenant owner, string model, Tenant holder) => AskTheActivator(caller, true, owner, model, holder);

    [When("a pod in {tenant} without a sidecar attempts to ask Knative's activator for {tenant}'s {word} with {tenant}'s valid token")]
    public Task AskTheActivatorWithoutASidecar(Tenant caller, Tenant owner, string model, Tenant holder) => AskTheActivator(caller, false, owner, model, holder);

    [Then(@"^the activator's sidecar resets the connection before any HTTP answer \(curl exit 56\)$")]
    public void TheActivatorResets() => ConnectionVerdict.WhyNotReset(calls.Last).Should().BeNull();

    [When("a pod in {tenant} without a sidecar attempts to call {tenant}'s {word} through Istio's knative-local-gateway with {tenant}'s valid token")]
    public Task CallTheLocalGateway(Tenant caller, Tenant owner, string model, Tenant holder)
    {
        Same(holder, owner, "the call carries the owner's valid token");
        return calls.CallThroughLocalGatewayAsync(caller, owner, model);
    }

    // The endpoint is free text SecurityCalls reads: a regex, with the one tenant pattern.
    [When("^a pod in " + TenantParameter.Capture + " without a sidecar attempts to open (.+)$")]
    public Task OpenAnEndpoint(Tenant caller, string endpoint) => calls.OpenAsync(caller, endpoint);

    [Then(@"^the connection is dropped before it opens \(curl exit 28, no answer\)$")]
    public void TheConnectionIsDropped() => ConnectionVerdict.WhyNotDropped(calls.Last).Should().BeNull();

    [When("{tenant} attempts to send the probe through the gateway to {tenant}'s {word} with its valid token in the access_token query parameter")]
    public Task SendTheTokenInTheQuery(Tenant caller, Tenant owner, string model) => traffic.SendProbeWithTokenInQueryAsync(caller, owner, model);

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

    private Task AskTheActivator(Tenant caller, bool withSidecar, Tenant owner, string model, Tenant holder)
    {
        Same(holder, owner, "the activator is asked with the owner's valid token");
        return calls.AskTheActivatorAsync(caller, withSidecar, owner, model);
    }

    /// <summary>Where a step names one tenant twice, the two must agree: the driver has no way to act on a second one.</summary>
    private static void Same(Tenant named, Tenant expected, string why)
    {
        if (named != expected)
            throw new ArgumentException($"The step names {named} where it must name {expected} again ({why}): correct the feature's step.");
    }
}
