using FluentAssertions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Statistics;
using InferenceBox.Specs.Support.Waiting;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class ServingSteps(ServingScenario scenario, KServeDriver kserve, ScaleToZeroDriver scaling, CanaryDriver canary,
    ModelProber prober, RunContext run, IReqnrollOutputHelper output, ScenarioFacts facts)
{
    [Given(@"^(\S+) of (tenant-[a-z]+) may scale to zero$")]
    public async Task MayScaleToZero(string model, string tenant) =>
        (await scaling.MinReplicasAsync(tenant, model)).Should().Be(0, "spec.predictor.minReplicas must be 0 for scale-to-zero");

    [Then(@"^(\S+) of (tenant-[a-z]+) reaches zero pods within the budget derived from the live autoscaler configuration$")]
    public async Task ReachesZeroPods(string model, string tenant) =>
        output.WriteLine((await scaling.WaitForZeroPodsAsync(tenant, model)).ToString());

    [When(@"^a probe request is sent to (\S+) of (tenant-[a-z]+) while it has no pods$")]
    public async Task ColdProbe(string model, string tenant) =>
        scenario.ColdProbe = await scaling.ColdProbeAsync(scenario.Versions(tenant, model));

    [Then(@"^the probe is answered by (v\d+) within the cold-start budget$")]
    public void ColdStartWithin(string version)
    {
        var budget = run.Budgets.ColdStart;
        output.WriteLine($"Cold-start latency: {scenario.ColdProbe!.Exchange.Latency.TotalSeconds:0.00}s (budget '{WaitBudgets.Names.ColdStart}' {budget.TotalSeconds:0}s); {scenario.ColdProbe}");
        ServingScenario.WhyNotColdStartWithin(scenario.ColdProbe, version, budget).Should().BeNull();
    }

    [Then(@"^(\S+) of (tenant-[a-z]+) has at least one pod$")]
    public async Task HasAPod(string model, string tenant) =>
        (await scaling.PodsAsync(tenant, model)).Active.Should().BeGreaterThanOrEqualTo(1);

    [Given(@"^(\S+) of (tenant-[a-z]+) serves only (v\d+)$")]
    public async Task ServesOnly(string model, string tenant, string version) =>
        (await canary.ServeOnlyAsync(MarkModified(tenant, model), version)).Traffic.Should().ContainSingle(t => t.Percent == 100);

    [Then(@"^all of (\d+) requests to (\S+) of (tenant-[a-z]+) are answered by (v\d+)$")]
    public async Task AllAnsweredBy(int count, string model, string tenant, string version) =>
        (await prober.ProbeManyAsync(scenario.Versions(tenant, model), count)).Where(a => a.Version != version)
            .Select(a => a.ToString()).Should().BeEmpty($"all {count} requests must be answered by {version}");

    [When(@"^(v\d+) of (\S+) of (tenant-[a-z]+) is rolled out as a canary with (\d+)% of the traffic$")]
    public Task RollOutCanary(string version, string model, string tenant, int percent) =>
        canary.RollOutCanaryAsync(MarkModified(tenant, model), version, percent);

    [Then(@"^the status of (\S+) of (tenant-[a-z]+) shows (\d+)% to the new revision and (\d+)% to the previous one$")]
    public async Task StatusShowsSplit(string model, string tenant, int canaryPercent, int previous)
    {
        var state = await kserve.GetAsync(tenant, model);
        ServingScenario.IsCanarySplit(state, canaryPercent, previous).Should().BeTrue(state.ToString());
    }

    [Then(@"^(v\d+) of (\S+) of (tenant-[a-z]+) has answered at least once through the gateway$")]
    public async Task HasAnswered(string version, string model, string tenant) =>
        output.WriteLine("Converged: " + await canary.WaitUntilAnsweredByAsync(scenario.Versions(tenant, model), version));

    [When(SplitStepPatterns.Sample)]
    public async Task Sample(string n, string model, string tenant) =>
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

    [When(@"^the canary of (\S+) of (tenant-[a-z]+) is promoted$")]
    public Task Promote(string model, string tenant) => canary.SetCanaryPercentAsync(MarkModified(tenant, model), null);

    [When(@"^the canary of (\S+) of (tenant-[a-z]+) is rolled back with canaryTrafficPercent 0$")]
    public Task RollBack(string model, string tenant) => canary.SetCanaryPercentAsync(MarkModified(tenant, model), 0);

    // The canary changes a shared model: remembered, so ServingHooks puts v1 back at 100% and later scenarios start alike.
    private ModelVersions MarkModified(string tenant, string model) => scenario.Modified = scenario.Versions(tenant, model);
}
