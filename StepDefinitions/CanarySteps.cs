using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Statistics;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>
/// A canary rollout of a shared model (@canary, and the A/B scenarios' background): roll out, converge, sample once, judge
/// the split, promote or roll back. "Has answered" and "all of N" come with or without the A/B header (x-model-version).
/// </summary>
[Binding]
public sealed class CanarySteps(ServingScenario scenario, KServeDriver kserve, CanaryDriver canary, ModelProber prober,
    IReqnrollOutputHelper output, ScenarioFacts facts)
{
    [Given("{word} of {tenant} serves only {word}")]
    public async Task ServesOnly(string model, Tenant tenant, string version) =>
        (await canary.ServeOnlyAsync(MarkModified(tenant, model), version)).Traffic.Should().ContainSingle(t => t.Percent == 100);

    [Then("all of {int} requests to {word} of {tenant} are answered by {word}")]
    public Task AllAnsweredBy(int count, string model, Tenant tenant, string version) => AllAnswered(count, model, tenant, null, version);

    [Then("all of {int} requests to {word} of {tenant} with x-model-version {word} are answered by {word}")]
    public Task AllAnsweredByTheAskedVersion(int count, string model, Tenant tenant, string asked, string version) =>
        AllAnswered(count, model, tenant, asked, version);

    [When("{word} of {word} of {tenant} is rolled out as a canary with {int}% of the traffic")]
    public Task RollOutCanary(string version, string model, Tenant tenant, int percent) =>
        canary.RollOutCanaryAsync(MarkModified(tenant, model), version, percent);

    [Then("the status of {word} of {tenant} shows {int}% to the new revision and {int}% to the previous one")]
    public async Task StatusShowsSplit(string model, Tenant tenant, int canaryPercent, int previous)
    {
        var state = await kserve.GetAsync(tenant, model);
        ServingScenario.IsCanarySplit(state, canaryPercent, previous).Should().BeTrue(state.ToString());
    }

    [Then("{word} of {word} of {tenant} has answered at least once through the gateway")]
    public Task HasAnswered(string version, string model, Tenant tenant) => HasAnswered(version, model, tenant, null);

    [Then("{word} of {word} of {tenant} has answered at least once through the gateway with x-model-version {word}")]
    public async Task HasAnswered(string version, string model, Tenant tenant, string? asked)
    {
        var answered = await canary.AnsweredByAsync(scenario.Versions(tenant, model), version, asked is null ? null : ModelVersionHeader.For(asked));
        output.WriteLine("Converged: " + answered);
        answered.WhyNot.Should().BeNull();
    }

    [When(SplitStepPatterns.Sample)]
    public async Task Sample(string n, string model, Tenant tenant) =>
        scenario.Sample = await canary.SampleAsync(scenario.Versions(tenant, model), SplitStepPatterns.Count(n));

    [Then(SplitStepPatterns.Judge)]
    public void JudgeSplit(string version, int percent, string alphaOneIn, int misroute, string caught, string outOf)
    {
        var design = SplitStepPatterns.Design(percent, alphaOneIn, misroute, caught, outOf);
        design.PowerAt(scenario.Sample!.N).Should().BeGreaterThanOrEqualTo(design.Power, $"the step's n must reach the stated power (needs n ≥ {design.RequiredSampleSize()})");
        var verdict = SplitVerdict.Judge(design, scenario.Sample.Count(version), scenario.Sample.N);
        output.WriteLine($"{version}: {verdict}");
        facts.Record(TrafficSplitFact.Of(scenario.Modified is { } m ? $"{m.Tenant}/{m.Model}" : "the sampled model", version, verdict));
        verdict.Passed.Should().BeTrue(verdict.ToString());
    }

    [Then(@"^none of the sampled requests failed$")]
    public void NoneFailed() => scenario.Sample!.Failures.Select(f => f.ToString()).Should().BeEmpty("zero errors are allowed during the sample");

    [When("the canary of {word} of {tenant} is promoted")]
    public Task Promote(string model, Tenant tenant) => canary.SetCanaryPercentAsync(MarkModified(tenant, model), null);

    [When("the canary of {word} of {tenant} is rolled back with canaryTrafficPercent 0")]
    public Task RollBack(string model, Tenant tenant) => canary.SetCanaryPercentAsync(MarkModified(tenant, model), 0);

    /// <summary>Every one of <paramref name="count"/> requests (with the A/B header when <paramref name="asked"/> is set) answered by <paramref name="version"/>.</summary>
    private async Task AllAnswered(int count, string model, Tenant tenant, string? asked, string version)
    {
        var answers = await prober.ProbeManyAsync(scenario.Versions(tenant, model), count, headers: asked is null ? null : ModelVersionHeader.For(asked));
        HeaderRoutingVerdict.Problems(answers, version, count).Should().BeEmpty();
    }

    // The canary changes a shared model: remembered, so ServingHooks puts v1 back at 100% and later scenarios start alike.
    private ModelVersions MarkModified(string tenant, string model) => scenario.Modified = scenario.Versions(tenant, model);
}
