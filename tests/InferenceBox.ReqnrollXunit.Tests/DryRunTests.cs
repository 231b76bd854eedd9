namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>
/// The dry run binds every step and builds every step class from the scenario container, as a real run does, but runs
/// no step body; and every report says it was a dry run.
/// </summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class DryRunTests(FixtureSuite suite)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static FixtureRun? _dry;

    private async Task<FixtureRun> Dry()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            var reports = suite.NewFolder("dry-reports");
            return _dry ??= await suite.RunAsync("dry", new Dictionary<string, string?>
            {
                ["FIXTURE_DRY_RUN"] = "true",
                ["REQNROLL_FORMATTERS_HTML"] = $"outputFilePath={Path.Combine(reports, "report.html")}",
            });
        }
        finally { Gate.Release(); }
    }

    [Fact]
    public async Task The_dry_run_binds_every_step_but_runs_no_step_body()
    {
        var run = await Dry();
        run.Case("Outcomes: Failing").Outcome.Should().Be("Passed", "the failing assertion is a step body, which a dry run does not run");
        run.Case("Outcomes: Undefined").Outcome.Should().Be("Failed");
        run.Case("Outcomes: Ambiguous").Outcome.Should().Be("Failed");
        run.Case("Outcomes: Badly typed argument").Outcome.Should().Be("Failed");
        run.Hooks.Should().Contain("BeforeTestRun");
    }

    [Fact]
    public async Task The_dry_run_builds_each_step_class_and_fails_on_a_dependency_nobody_registers()
    {
        var run = await Dry();
        run.Case("Injection: Unresolvable step class dependency").Should().Match<CaseResult>(c =>
            c.Outcome == "Failed" && c.Message.Contains("IUnregisteredService"));
        run.Case("Output: Writes through both helpers").Outcome.Should().Be("Passed", "its helpers resolve as in a real run");
    }

    [Fact]
    public async Task The_dry_run_says_so_in_the_html_the_console_and_the_trx()
    {
        var run = await Dry();
        var html = File.ReadAllText(Path.Combine(run.WorkDir, "dry-reports", "report.html"));
        html.Should().Contain("DRY RUN");
        run.ConsoleOutput.Should().Contain("DRY RUN");
        run.Case("Outcomes: Passing").Output.Should().Contain("DRY RUN");
    }
}
