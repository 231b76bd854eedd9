using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>What a tenant's namespace admits (issue 19 item 8), asked with server-side dry runs.</summary>
[Binding]
public sealed class PodSecuritySteps(ClusterDriver cluster)
{
    private PodAdmission? _attempt;

    [Given("as a control, the API server admits the suite's restricted client pod in {tenant}, in a dry run")]
    public async Task TheRestrictedPodIsAdmitted(Tenant tenant) =>
        PodSecurityVerdict.WhyNotAdmitted(await cluster.AttemptClientPodAsync(tenant, withSecurityContext: true)).Should().BeNull();

    [When("the same pod without its securityContext is attempted in {tenant}, in a dry run")]
    public async Task TheUnrestrictedPodIsAttempted(Tenant tenant) => _attempt = await cluster.AttemptClientPodAsync(tenant, withSecurityContext: false);

    [Then(@"^the API server refuses it for PodSecurity ""([a-z]+)""$")]
    public void RefusedByPodSecurity(string level) =>
        PodSecurityVerdict.WhyNotRefusedByPodSecurity(_attempt ?? throw new InvalidOperationException("No pod was attempted: a When step must attempt one first."), level)
            .Should().BeNull();
}
