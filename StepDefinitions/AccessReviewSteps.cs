using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using Reqnroll;
using InferenceBox.Platform.Observability;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// Who may do what, asked of Kubernetes (SubjectAccessReview): a tenant's service account, Grafana's and Kiali's. The When
/// steps ask; the Then steps judge the scenario's one review with <see cref="AccessReviewVerdict"/>, whoever was asked about.
/// </summary>
[Binding]
public sealed class AccessReviewSteps(ClusterDriver cluster)
{
    /// <summary>
    /// kube-prometheus-stack's Grafana, release "prometheus": its service account is the chart's fullname
    /// (grafana/helm-charts@grafana-9.2.7 charts/grafana/templates/_helpers.tpl grafana.serviceAccountName, grafana.fullname).
    /// </summary>
    private const string GrafanaServiceAccount = "prometheus-grafana";

    /// <summary>kiali/helm-charts@v2.11.0 kiali-server: release "kiali" in istio-system, service account named after it.</summary>
    private const string KialiNamespace = "istio-system", KialiServiceAccount = "kiali";

    private AccessReview? _review;

    [When("Kubernetes is asked whether {tenant}'s {word} service account may {word} Secrets in {tenant}")]
    public async Task TenantAccessIsReviewed(Tenant tenant, string serviceAccount, string verb, Tenant target) =>
        _review = await cluster.ReviewAccessAsync(tenant, serviceAccount, verb, "secrets", target);

    [When(@"^Kubernetes is asked whether Grafana's service account may ([a-z]+) secrets in ([a-z0-9-]+)$")]
    public async Task GrafanaAccessIsReviewed(string verb, string ns) =>
        _review = await cluster.ReviewAccessAsync(GrafanaCredentials.Namespace, GrafanaServiceAccount, verb, "secrets", ns);

    [When("Kubernetes is asked whether Kiali's service account may {word} AuthorizationPolicies in {tenant}")]
    public async Task KialiAccessIsReviewed(string verb, Tenant tenant) =>
        _review = await cluster.ReviewAccessAsync(KialiNamespace, KialiServiceAccount, verb, "security.istio.io", "authorizationpolicies", tenant);

    [Then(@"^the access review denies it, with no evaluation error$")]
    public void Denied() => AccessReviewVerdict.WhyNotDenied(Review).Should().BeNull();

    [Then(@"^the access review allows it, by a RoleBinding in ([a-z0-9-]+)$")]
    public void AllowedByARoleBinding(string ns) => AccessReviewVerdict.WhyNotAllowedByTenantRole(Review, ns).Should().BeNull();

    [Then(@"^the access review allows it, by ClusterRoleBinding ([a-z0-9-]+) of ClusterRole ([a-z0-9-]+)$")]
    public void AllowedByAClusterRoleBinding(string binding, string role) =>
        AccessReviewVerdict.WhyNotAllowedByClusterRoleBinding(Review, binding, role).Should().BeNull();

    private AccessReview Review => _review ?? throw new InvalidOperationException("No access review was asked: a When step must ask Kubernetes first.");
}
