using Io.Cucumber.Messages.Types;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>A run that cannot start for a known reason: one block with cause and fix, then every scenario not run,
/// each carrying one line that points to the block in every report.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class RunStartTests(FixtureSuite suite)
{
    private const string NotRun = "Not run: the test run could not start; its cause and fix are in the block at the top of the test output";

    [Fact]
    public async Task A_known_start_failure_prints_one_block_and_reports_every_scenario_not_run()
    {
        var run = await suite.RunAsync("blocked", new Dictionary<string, string?> { ["FIXTURE_BLOCK_START"] = "1" });
        var lines = run.ConsoleOutput.Split('\n');

        run.ExitCode.Should().NotBe(0, "a run that could not start has failed");
        lines.Count(l => l.Contains("The fixture's engine is not reachable.")).Should().Be(1, "the cause is printed once");
        run.ConsoleOutput.Should().Contain("Start the engine, or unset FIXTURE_BLOCK_START.");
        run.ConsoleOutput.Should().NotContain("   at ", "a known cause needs no stack trace");
        run.ConsoleOutput.Should().Contain("Every scenario below is reported as not run");
        // No formatter is configured, so the block is in the output only, and the line says so.
        run.Results.Should().NotBeEmpty().And.OnlyContain(r => r.Outcome == "NotExecuted" && r.Output.Trim() == NotRun + ".");
        lines.Length.Should().BeLessThan(100);
    }

    [Fact]
    public async Task With_reports_configured_the_block_is_kept_beside_them_and_every_report_points_to_it()
    {
        var reports = suite.NewFolder("blocked-reports");
        var run = await suite.RunAsync("blocked-reports", new Dictionary<string, string?>
        {
            ["FIXTURE_BLOCK_START"] = "1",
            ["REQNROLL_FORMATTERS_HTML"] = $"outputFilePath={Path.Combine(reports, "report.html")}",
            ["REQNROLL_FORMATTERS_MESSAGE"] = $"outputFilePath={Path.Combine(reports, "messages.ndjson")}",
        });
        var blockFile = Path.Combine(reports, "run-start.txt");
        var line = $"{NotRun} and in {blockFile}.";

        File.ReadAllText(blockFile).Should().Contain("Cause: The fixture's engine is not reachable.")
            .And.Contain("Fix:   Start the engine, or unset FIXTURE_BLOCK_START.");
        run.Results.Should().NotBeEmpty().And.OnlyContain(r => r.Outcome == "NotExecuted" && r.Output.Trim() == line, "the TRX carries the line");
        run.ConsoleOutput.Should().NotContain(line, "the console's pointer is its order: the block first, then the scenarios");
        // The living doc lists the scenarios not run, the line under the first step of each, a feature never started too.
        var messages = Path.Combine(reports, "messages.ndjson");
        foreach (var scenario in new[] { "Runs alone", "Left out", "Ein Zähler" })
            CucumberMessages.ResultsOf(messages, scenario).Select(r => (r.Status, (string?)r.Message)).Should()
                .Equal((TestStepResultStatus.SKIPPED, line), (TestStepResultStatus.SKIPPED, null));
        File.ReadAllText(Path.Combine(reports, "report.html")).Should().Contain(line);
    }
}
