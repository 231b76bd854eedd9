using FluentAssertions;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Platform.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>Scale-to-zero and cold start (@scale-to-zero): the waits return verdicts (<see cref="WaitOutcome{T}"/>) the Then steps assert on.</summary>
[Binding]
public sealed class ScaleToZeroSteps(ServingScenario scenario, ScaleToZeroDriver scaling, RunContext run, IReqnrollOutputHelper output)
{
    [Given("{word} of {tenant} may scale to zero")]
    public async Task MayScaleToZero(string model, Tenant tenant) =>
        (await scaling.MinReplicasAsync(tenant, model)).Should().Be(0, "spec.predictor.minReplicas must be 0 for scale-to-zero");

    [Then("{word} of {tenant} reaches zero pods within the budget derived from the live autoscaler configuration")]
    public async Task ReachesZeroPods(string model, Tenant tenant)
    {
        var scaleDown = await scaling.ScaleDownAsync(tenant, model);
        output.WriteLine(scaleDown.ToString());
        scaleDown.WhyNot.Should().BeNull();
    }

    [When("a probe request is sent to {word} of {tenant} while it has no pods")]
    public async Task ColdProbe(string model, Tenant tenant) =>
        scenario.ColdProbe = await scaling.ColdProbeAsync(scenario.Versions(tenant, model));

    [Then(@"^the probe is answered by (v\d+) within the cold-start budget$")]
    public void ColdStartWithin(string version)
    {
        var budget = run.Budgets.ColdStart;
        output.WriteLine($"Cold-start latency: {scenario.ColdProbe!.Exchange.Latency.TotalSeconds:0.00}s (budget '{WaitBudgets.Names.ColdStart}' {budget.TotalSeconds:0}s); {scenario.ColdProbe}");
        ServingScenario.WhyNotColdStartWithin(scenario.ColdProbe, version, budget).Should().BeNull();
    }

    [Then("{word} of {tenant} has at least one pod")]
    public async Task HasAPod(string model, Tenant tenant) =>
        (await scaling.PodsAsync(tenant, model)).Active.Should().BeGreaterThanOrEqualTo(1);
}
