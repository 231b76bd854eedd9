using System.Xml.Linq;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>
/// README's command 1 where no Docker engine answers: one block first with the cause, the fix and the attach command,
/// then every scenario reported not run, no stack trace, under 100 lines at the README's verbosity (issue 14, item 1);
/// in the TRX each scenario carries one line pointing to the block, which is kept in run-start.txt beside the reports.
/// </summary>
public sealed class NoClusterTests
{
    [Fact]
    public async Task Without_Docker_the_run_prints_one_block_and_reports_every_scenario_not_run()
    {
        var run = await RunSuiteAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" });

        run.ExitCode.Should().NotBe(0, "a run that could not start has failed");
        run.Output.Should().Contain("Docker is not reachable")
            .And.Contain("INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=<context> dotnet test InferenceBox.Specs.csproj");
        run.Output.Should().Contain("Every scenario below is reported as not run");
        run.Output.Should().NotContain("   at ", "a known cause needs no stack trace");
        run.Output.Split('\n').Count(l => l.TrimStart().StartsWith("Failed ", StringComparison.Ordinal)).Should().Be(0);
        run.Output.Split('\n').Count(l => l.TrimStart().StartsWith("Skipped Platform readiness:", StringComparison.Ordinal)).Should().BePositive();
        OutsideScenarioLines(run).Should().BeLessThan(40, run.Output);
        run.BlockFile.Should().Contain("Docker is not reachable").And.Contain("Fix:");
        run.NotRunLines.Should().NotBeEmpty().And.OnlyContain(l => l ==
            $"Not run: the test run could not start; its cause and fix are in the block at the top of the test output and in {run.Results}/run-start.txt.");
        run.Report.Should().NotBeNull("a run that could not start still writes its conformance report");
        Reporting.ReportSchema.Errors(run.Report!).Should().BeEmpty();
        run.Report.Should().Contain("\"verdict\": \"not-run\"").And.Contain("Docker is not reachable");
    }

    [Fact]
    public async Task An_invalid_setting_prints_one_block_naming_the_variable_and_reports_every_scenario_not_run()
    {
        var run = await RunSuiteAsync(new Dictionary<string, string?> { ["INFERENCEBOX_PROFILE"] = "huge" });

        run.ExitCode.Should().NotBe(0);
        run.Output.Split('\n').Count(l => l.Contains("INFERENCEBOX_PROFILE=\"huge\"")).Should().Be(1, run.Output);
        run.Output.Should().Contain("Fix or unset INFERENCEBOX_PROFILE").And.NotContain("   at ");
        OutsideScenarioLines(run).Should().BeLessThan(40, run.Output);
        run.NotRunLines.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("Not run: the test run could not start;", StringComparison.Ordinal));
    }

    /// <summary>
    /// Lines besides the one the console logger prints per scenario ("Skipped …"): the block, the run's own progress and
    /// the report's summary. The "under 100 lines" was set for 52 scenarios; the suite grows, so the bound is on
    /// what is printed once, and each scenario must have exactly one line.
    /// </summary>
    private static int OutsideScenarioLines(SuiteRun run)
    {
        var lines = run.Output.Split('\n');
        var perScenario = lines.Count(l => l.TrimStart().StartsWith("Skipped ", StringComparison.Ordinal));
        perScenario.Should().Be(run.NotRunLines.Count, "every scenario is reported once, as not run");
        return lines.Length - perScenario;
    }

    /// <summary>What a run printed, the one-line output of each of its TRX results, and the run-start.txt it kept.</summary>
    private sealed record SuiteRun(int ExitCode, string Output, string Results, IReadOnlyList<string> NotRunLines, string BlockFile,
        string? Report);

    private static async Task<SuiteRun> RunSuiteAsync(Dictionary<string, string?> environment)
    {
        // The suite's assembly was built beside this one (project reference), in the same configuration.
        var suite = typeof(InferenceBox.Specs.Hooks.RunHooks).Assembly.Location;
        var results = Path.Combine(Path.GetTempPath(), "no-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        environment["INFERENCEBOX_DRY_RUN"] = null;
        environment["INFERENCEBOX_MODE"] = null;
        environment["INFERENCEBOX_RESULTS_DIR"] = results;
        environment["CI"] = "true";
        try
        {
            var trx = Path.Combine(results + "-trx", "run.trx");
            var run = await Cli.Wrap("dotnet")
                .WithArguments(["test", suite, "--logger", "console;verbosity=normal", "--logger", $"trx;LogFileName={trx}"])
                .WithEnvironmentVariables(environment)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var lines = File.Exists(trx)
                ? XDocument.Load(trx).Descendants(ns + "UnitTestResult").Select(r => r.Descendants(ns + "StdOut").FirstOrDefault()?.Value.Trim() ?? "").ToList()
                : [];
            var block = Path.Combine(results, "run-start.txt");
            var report = Path.Combine(results, "conformance-report.json");
            return new SuiteRun(run.ExitCode, run.StandardOutput + run.StandardError, results, lines, File.Exists(block) ? File.ReadAllText(block) : "",
                File.Exists(report) ? await File.ReadAllTextAsync(report) : null);
        }
        finally
        {
            foreach (var folder in new[] { results, results + "-trx" })
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
