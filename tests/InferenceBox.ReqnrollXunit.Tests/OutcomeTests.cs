namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>What a user sees of each outcome, of outlines and rules, of parse errors and of the step trace.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class OutcomeTests(FixtureSuite suite)
{
    [Fact]
    public async Task Each_outcome_is_reported_with_its_message()
    {
        var run = await FullRun.Of(suite);
        run.Case("Outcomes: Passing").Outcome.Should().Be("Passed");
        run.Case("Outcomes: Failing").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("Assert.Equal() Failure"));
        run.Case("Outcomes: Undefined").Should().Match<CaseResult>(c => c.Outcome == "Failed"
            && c.Message.Contains("No matching step definition found") && c.Message.Contains("[When(\"the counter is multiplied by {int}\")]"));
        run.Case("Outcomes: Ambiguous").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("Ambiguous step definitions"));
        run.Case("Outcomes: Badly typed argument").Should().Match<CaseResult>(c => c.Outcome == "Failed" && c.Message.Contains("'many'"));
        run.Case("Outcomes: Skipped by a hook").Should().Match<CaseResult>(c => c.Outcome == "NotExecuted"
            && c.Message.Contains("needs the full profile"));
    }

    [Fact]
    public async Task A_pending_step_fails_with_the_Test_pending_prefix_of_the_xunit_v3_plugin()
    {
        // reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/XUnit3RuntimeProvider.cs: "Test pending: {message}".
        var pending = (await FullRun.Of(suite)).Case("Outcomes: Pending");
        pending.Outcome.Should().Be("Failed");
        pending.Message.Should().Contain("XunitPendingException : Test pending: One or more step definitions are not implemented yet.");
    }

    [Fact]
    public async Task Outline_rows_and_rules_become_one_case_each_named_feature_scenario_and_values()
    {
        var run = await FullRun.Of(suite);
        run.Names.Should().Contain(["Outline: Adding 1 [1, 1]", "Outline: Adding 2 [2, 2]",
            "Outline: Adding 100 [100, 100]", "Outline: Doubling a counter"]);
        run.Results.Where(c => c.Name.StartsWith("Outline:")).Should().OnlyContain(c => c.Outcome == "Passed");
    }

    [Fact]
    public async Task An_outline_row_keeps_the_outline_name_as_its_scenario_title()
    {
        // reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/Generation/UnitTestMethodGenerator.cs: new ScenarioInfo(scenarioDefinition.Name, ...).
        var hooks = (await FullRun.Of(suite)).Hooks;
        hooks.Count(h => h == "BeforeScenario Adding <amount>").Should().Be(3);
        hooks.Should().NotContain(h => h.StartsWith("BeforeScenario Adding 1"));
    }

    [Fact]
    public async Task A_parse_error_is_one_failing_case_naming_file_line_and_column()
    {
        var broken = (await FullRun.Of(suite)).Case("Features/broken.feature: Gherkin parse error");
        broken.Outcome.Should().Be("Failed");
        broken.Message.Should().Contain("Features/broken.feature(6:3)");
    }

    [Fact]
    public async Task Every_step_is_in_the_output_with_status_and_duration()
    {
        var output = (await FullRun.Of(suite)).Case("Outcomes: Passing").Output;
        // The duration is the step's own, in seconds with one decimal; its value is the machine's (0.1s on a busy one), not asserted.
        output.Should().Contain("Given a counter starting at 1").And.MatchRegex(@"-> done: CounterSteps\.Start\(1\) \(\d+\.\ds\)");
        output.Should().Contain("Then the counter is 3").And.Contain("-> done: CounterSteps.Check(3)");
    }

    [Fact]
    public async Task Hooks_fire_once_per_run_and_once_per_feature_in_file_order()
    {
        var hooks = (await FullRun.Of(suite)).Hooks.ToList();
        hooks.Count(h => h == "BeforeTestRun").Should().Be(1);
        hooks.Count(h => h == "AfterTestRun").Should().Be(1);
        hooks.Count(h => h == "BeforeFeature Outcomes").Should().Be(1);
        hooks.Count(h => h == "AfterFeature Outline").Should().Be(1);
        hooks.Where(h => h is "BeforeScenario Passing" or "BeforeScenario Badly typed argument")
            .Should().Equal(["BeforeScenario Passing", "BeforeScenario Badly typed argument"], "a feature's scenarios run in file order");
        hooks.IndexOf("AfterFeature Outcomes").Should().BeGreaterThan(hooks.IndexOf("BeforeScenario Badly typed argument"));
    }

    [Fact]
    public async Task A_category_filter_selects_by_examples_rule_and_scenario_tags()
    {
        var run = await suite.RunAsync("small", null, "--filter", "Category=small");
        run.Names.Should().BeEquivalentTo(["Outline: Adding 1 [1, 1]", "Outline: Adding 2 [2, 2]"]);
        var rule = await suite.RunAsync("rule", null, "--filter", "Category=rule-tag|Category=skipped-by-hook");
        rule.Names.Should().BeEquivalentTo(["Outline: Doubling a counter", "Outcomes: Skipped by a hook"]);
    }

    [Fact]
    public async Task Listing_shows_scenarios_by_feature_and_name()
    {
        var listing = await suite.ListAsync();
        listing.Should().Contain("Outcomes: Passing").And.Contain("Outline: Adding 100 [100, 100]");
    }
}
