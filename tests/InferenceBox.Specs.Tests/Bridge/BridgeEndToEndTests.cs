using FluentAssertions;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>
/// Runs the fixture features through the bridge as `dotnet test` would, and checks what a user would see:
/// outcomes and messages, filtering by tag, hook counts, the dry run and the reports.
/// </summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class BridgeEndToEndTests(FixtureSuite suite)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FixtureRun? _fullRun;

    private async Task<FixtureRun> FullRun()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try { return _fullRun ??= await suite.RunAsync("full"); }
        finally { Gate.Release(); }
    }

    [Fact]
    public async Task Each_outcome_is_reported_with_its_message()
    {
        var run = await FullRun();
        run.Case("Outcomes: Passing").Outcome.Should().Be("Passed");
        run.Case("Outcomes: Failing").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("Assert.Equal() Failure"));
        run.Case("Outcomes: Undefined").Should().Match<CaseResult>(c => c.Outcome == "Failed"
            && c.Message.Contains("No matching step definition found") && c.Message.Contains("[When(\"the counter is multiplied by {int}\")]"));
        run.Case("Outcomes: Ambiguous").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("Ambiguous step definitions"));
        run.Case("Outcomes: Pending").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("not implemented"));
        run.Case("Outcomes: Badly typed argument").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("'many'"));
        run.Case("Outcomes: Ignored").Outcome.Should().Be("NotExecuted");
        run.Case("Outcomes: Skipped by a hook").Should().Match<CaseResult>(c => c.Outcome == "NotExecuted"
            && c.Message.Contains("needs the full profile"));
    }

    [Fact]
    public async Task Outline_rows_and_rules_become_one_case_each_named_feature_scenario_and_values()
    {
        var run = await FullRun();
        run.Cases.Select(c => c.Name).Should().Contain(["Outline: Adding 1 [1, 1]", "Outline: Adding 2 [2, 2]",
            "Outline: Adding 100 [100, 100]", "Outline: Doubling a counter"]);
        run.Cases.Where(c => c.Name.StartsWith("Outline:")).Should().OnlyContain(c => c.Outcome == "Passed");
        run.Cases.Should().HaveCount(13);
    }

    [Fact]
    public async Task A_parse_error_is_one_failing_case_naming_file_line_and_column()
    {
        var run = await FullRun();
        var broken = run.Case("Features/broken.feature: Gherkin parse error");
        broken.Outcome.Should().Be("Failed");
        broken.Message.Should().Contain("Features/broken.feature(5:3)");
    }

    [Fact]
    public async Task Every_step_is_in_the_output_with_status_and_duration()
    {
        var output = (await FullRun()).Case("Outcomes: Passing").Output;
        output.Should().Contain("Given a counter starting at 1").And.Contain("-> done: CounterSteps.Start(1) (0.0s)");
        output.Should().Contain("Then the counter is 3").And.Contain("-> done: CounterSteps.Check(3)");
    }

    [Fact]
    public async Task Hooks_fire_once_per_run_and_once_per_feature()
    {
        var hooks = (await FullRun()).Hooks;
        hooks.Count(h => h == "BeforeTestRun").Should().Be(1);
        hooks.Count(h => h == "AfterTestRun").Should().Be(1);
        hooks.Count(h => h == "BeforeFeature Outcomes").Should().Be(1);
        hooks.Count(h => h == "BeforeFeature Outline").Should().Be(1);
        hooks.Count(h => h == "AfterFeature Outline").Should().Be(1);
        hooks.Count(h => h.StartsWith("BeforeScenario ")).Should().Be(11, "11 scenarios start: 13 cases less @ignore and the parse error");
        var outcomeScenarios = hooks.Select((h, i) => (h, i)).Where(x => x.h is "BeforeScenario Passing" or "BeforeScenario Badly typed argument");
        outcomeScenarios.Select(x => x.h).Should().Equal(["BeforeScenario Passing", "BeforeScenario Badly typed argument"], "a feature's scenarios run in file order");
        hooks.ToList().IndexOf("AfterFeature Outcomes").Should().BeGreaterThan(hooks.ToList().IndexOf("BeforeScenario Badly typed argument"));
    }

    [Fact]
    public async Task A_category_filter_selects_by_examples_tag()
    {
        var run = await suite.RunAsync("small", null, "--filter", "Category=small");
        run.Cases.Select(c => c.Name).Should().BeEquivalentTo(["Outline: Adding 1 [1, 1]", "Outline: Adding 2 [2, 2]"]);
        var rule = await suite.RunAsync("rule", null, "--filter", "Category=rule-tag|Category=ignore");
        rule.Cases.Select(c => c.Name).Should().BeEquivalentTo(["Outline: Doubling a counter", "Outcomes: Ignored"]);
    }

    [Fact]
    public async Task The_dry_run_binds_every_step_but_runs_no_step_body()
    {
        var run = await suite.RunAsync("dry", new Dictionary<string, string?> { ["INFERENCEBOX_DRY_RUN"] = "true" });
        run.Case("Outcomes: Failing").Outcome.Should().Be("Passed", "the failing assertion is a step body, which a dry run does not run");
        run.Case("Outcomes: Undefined").Outcome.Should().Be("Failed");
        run.Case("Outcomes: Ambiguous").Outcome.Should().Be("Failed");
        run.Case("Outcomes: Badly typed argument").Outcome.Should().Be("Failed");
        run.Hooks.Should().Contain("BeforeTestRun");
    }

    [Fact]
    public async Task An_invalid_setting_fails_every_scenario_naming_the_variable()
    {
        var run = await suite.RunAsync("bad-setting", new Dictionary<string, string?> { ["INFERENCEBOX_DRY_RUN"] = "maybe" }, "--filter", "Category=outcomes");
        run.Cases.Where(c => c.Outcome != "NotExecuted").Should().OnlyContain(c =>
            c.Outcome == "Failed" && c.Message.Contains("INFERENCEBOX_DRY_RUN=\"maybe\"") && c.Message.Contains("true, false"));
    }

    [Fact]
    public async Task Listing_shows_scenarios_by_feature_and_name()
    {
        var listing = await suite.ListAsync();
        listing.Should().Contain("Outcomes: Passing").And.Contain("Outline: Adding 100 [100, 100]");
    }
}
