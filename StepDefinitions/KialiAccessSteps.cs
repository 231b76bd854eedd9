using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Security;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Kiali's login and view-only mode, and the RBAC of its own service account (issue 19 item 1).</summary>
[Binding]
public sealed class KialiAccessSteps(KialiAccess kiali, ClusterDriver cluster, IReqnrollOutputHelper output)
{
    /// <summary>kiali/helm-charts@v2.11.0 kiali-server: release "kiali" in istio-system, service account named after it.</summary>
    private const string KialiNamespace = "istio-system", KialiServiceAccount = "kiali";
    private AccessReview? _review;

    [Given(@"^as a control, Kiali serves (tenant-[a-z0-9]+)'s graph to the suite's read-only account, logged in with a short-lived token$")]
    public async Task TheReadOnlyAccountIsServed(string tenant) =>
        output.WriteLine($"Kiali's graph of {tenant} for the read-only account: {await kiali.ReadOnlyAccountGraphAsync(tenant)}");

    [When(@"^an anonymous caller attempts to read (tenant-[a-z0-9]+)'s graph from Kiali$")]
    public Task AnAnonymousCallerReads(string tenant) => kiali.AnonymousGraphAsync(tenant);

    [Then(@"^Kiali refuses the anonymous caller with 401 ""Unauthorized""$")]
    public void KialiRefuses() => KialiAccess.WhyNotRefused(kiali.Anonymous ?? throw new InvalidOperationException("No anonymous call was made.")).Should().BeNull();

    [Then(@"^Kiali reports the token login strategy and view-only mode$")]
    public async Task KialiIsLockedDown() => KialiAccess.WhyNotLockedDown(await kiali.ConfigAsync()).Should().BeNull();

    [When(@"^Kubernetes is asked whether Kiali's service account may ([a-z]+) AuthorizationPolicies in (tenant-[a-z0-9]+)$")]
    public async Task KialiAccessIsReviewed(string verb, string tenant) =>
        _review = await cluster.ReviewAccessAsync(KialiNamespace, KialiServiceAccount, verb, "security.istio.io", "authorizationpolicies", tenant);

    [Then(@"^Kiali's access review allows it, by ClusterRoleBinding ([a-z0-9-]+) of ClusterRole ([a-z0-9-]+)$")]
    public void AllowedByTheViewerBinding(string binding, string role) =>
        AccessReviewVerdict.WhyNotAllowedByClusterRoleBinding(Review, binding, role).Should().BeNull();

    [Then(@"^Kiali's access review denies it, with no evaluation error$")]
    public void Denied() => AccessReviewVerdict.WhyNotDenied(Review).Should().BeNull();

    private AccessReview Review => _review ?? throw new InvalidOperationException("No access review was asked: a When step must ask Kubernetes first.");
}
