using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Tenant isolation: tokens, gateway answers, in-mesh calls, quota and RBAC. Expected denials use "attempts to".</summary>
[Binding]
public sealed class TenancySteps(TenantTraffic traffic, MeshCalls mesh, ClusterDriver cluster, IReqnrollOutputHelper output)
{
    private QuotaOutcome? _quota;
    private AccessReview? _review;

    [Given(@"^(tenant-[a-z0-9]+) holds a valid token$")]
    public Task HoldsAValidToken(string tenant) => traffic.HoldValidTokenAsync(tenant);

    [When(@"^(tenant-[a-z0-9]+) sends the probe through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    [When(@"^(tenant-[a-z0-9]+) attempts to send the probe through the gateway to (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    public Task SendsTheProbe(string caller, string owner, string model) => traffic.SendProbeAsync(caller, owner, model);

    [Then(@"^the gateway answers (\d+)$")]
    public void TheGatewayAnswers(int status) =>
        traffic.Last.StatusCode.Should().Be(status, $"{traffic.Last.Method} {traffic.Last.Url} answered: {traffic.Last.Body}");

    [Then(@"^the predictions are the catalog's expected output for (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    public void ThePredictionsAreExpected(string owner, string model) =>
        GatewayDriver.V1Predictions(traffic.Last).Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);

    [When(@"^a pod in (tenant-[a-z0-9]+) with a sidecar attempts to call (tenant-[a-z0-9]+)'s ([a-z0-9-]+) predictor (with .+)$")]
    [When(@"^a pod in (tenant-[a-z0-9]+) with a sidecar calls (tenant-[a-z0-9]+)'s ([a-z0-9-]+) predictor (with .+)$")]
    public Task APodAttemptsToCallAPredictor(string caller, string owner, string model, string credentials) =>
        mesh.CallPredictorAsync(caller, withSidecar: true, owner, model, credentials);

    [Then(@"^the mesh refuses it with (\d+) ""(.*)""$")]
    public void TheMeshRefusesIt(int status, string body) =>
        (mesh.Last.CurlExitCode, mesh.Last.HttpStatus, mesh.Last.Body.Trim()).Should().Be((0, status, body), $"pod {mesh.Last.Pod} saw: {mesh.Last}");

    [Then(@"^the predictor answers with the catalog's expected output for (tenant-[a-z0-9]+)'s ([a-z0-9-]+)$")]
    public void ThePredictorAnswers(string owner, string model) =>
        KServePayloads.V1Predictions(mesh.Last.Body, $"pod {mesh.Last.Pod} (curl exit {mesh.Last.CurlExitCode}, HTTP {mesh.Last.HttpStatus})")
            .Should().Equal(ModelProber.SteadyStateVersion(owner, model).ExpectedOutput);

    [When(@"^(tenant-[a-z0-9]+) attempts to create an InferenceService needing more CPU than its quota allows$")]
    public async Task AttemptsToExceedTheQuota(string tenant) => _quota = await cluster.AttemptOverQuotaInferenceServiceAsync(tenant);

    [Then(@"^the InferenceService is refused for exceeding the quota, and the quota message is shown$")]
    public void TheQuotaRefuses()
    {
        output.WriteLine($"Refused by the {_quota!.RefusedBy ?? "(nobody)"}: {_quota.Message}");
        _quota.Message.Should().Contain("exceeded quota", $"it was {(_quota.RefusedBy is null ? "not refused" : "refused by the " + _quota.RefusedBy)}");
    }

    [When(@"^Kubernetes is asked whether (tenant-[a-z0-9]+)'s ([a-z0-9-]+) service account may ([a-z]+) Secrets in (tenant-[a-z0-9]+)$")]
    public async Task AccessIsReviewed(string tenant, string serviceAccount, string verb, string target) =>
        _review = await cluster.ReviewAccessAsync(tenant, serviceAccount, verb, "secrets", target);

    [Then(@"^the access review denies it, with no evaluation error$")]
    public void TheAccessReviewDenies() => AccessReviewVerdict.WhyNotDenied(Review).Should().BeNull();

    [Then(@"^the access review allows it, by a RoleBinding of (tenant-[a-z0-9]+)$")]
    public void TheAccessReviewAllows(string tenant) => AccessReviewVerdict.WhyNotAllowedByTenantRole(Review, tenant).Should().BeNull();

    private AccessReview Review => _review ?? throw new InvalidOperationException("No access review was asked: a When step must ask Kubernetes first.");
}
