using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Observability;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Where Grafana's service account may read Secrets (issue 19 item 2).</summary>
[Binding]
public sealed class GrafanaAccessSteps(ClusterDriver cluster)
{
    /// <summary>
    /// kube-prometheus-stack's Grafana, release "prometheus": its service account is the chart's fullname
    /// (grafana/helm-charts@grafana-9.2.7 charts/grafana/templates/_helpers.tpl grafana.serviceAccountName, grafana.fullname).
    /// </summary>
    private const string GrafanaServiceAccount = "prometheus-grafana";
    private AccessReview? _review;

    [When(@"^Kubernetes is asked whether Grafana's service account may ([a-z]+) secrets in ([a-z0-9-]+)$")]
    public async Task GrafanaAccessIsReviewed(string verb, string ns) =>
        _review = await cluster.ReviewAccessAsync(GrafanaCredentials.Namespace, GrafanaServiceAccount, verb, "secrets", ns);

    [Then(@"^Grafana's access review allows it, by a RoleBinding in ([a-z0-9-]+)$")]
    public void AllowedByARoleBinding(string ns) => AccessReviewVerdict.WhyNotAllowedByTenantRole(Review, ns).Should().BeNull();

    [Then(@"^Grafana's access review denies it, with no evaluation error$")]
    public void Denied() => AccessReviewVerdict.WhyNotDenied(Review).Should().BeNull();

    private AccessReview Review => _review ?? throw new InvalidOperationException("No access review was asked: a When step must ask Kubernetes first.");
}
