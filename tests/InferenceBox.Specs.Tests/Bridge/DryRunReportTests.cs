using CliWrap;
using CliWrap.Buffered;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Tests.Reporting;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>
/// One dry run of the real suite, by tag, as README's demo runs it: it owns its results folder (an earlier run's
/// bootstrap.log and diagnostics are gone), tells the story step by step, writes a conformance report that the schema
/// accepts, and warns once about a misspelt setting (issue 14 items 4, 5 and 6's demo, and the conformance report).
/// </summary>
public sealed class DryRunReportTests : IAsyncLifetime
{
    private readonly string _results = Directory.CreateTempSubdirectory("dry-run-report-").FullName;
    private string _output = "";

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_results, "bootstrap.log"), "2026-01-01 [failed ] preflight: Docker is not reachable (an earlier run)");
        Directory.CreateDirectory(Path.Combine(_results, "scenarios", "an-earlier-failure-abc123"));
        await File.WriteAllTextAsync(Path.Combine(_results, "notes.txt"), "mine");
        var suite = typeof(InferenceBox.Specs.Hooks.RunHooks).Assembly.Location;
        var run = await Cli.Wrap("dotnet")
            .WithArguments(["test", suite, "--filter", "Category=canary|Category=smoke", "--logger", "console;verbosity=normal"])
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["INFERENCEBOX_DRY_RUN"] = "true", ["INFERENCEBOX_MODE"] = null, ["INFERENCEBOX_MOD"] = "attach",
                ["INFERENCEBOX_RESULTS_DIR"] = _results, ["CI"] = "true",
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        _output = run.StandardOutput + run.StandardError;
        run.ExitCode.Should().Be(0, _output);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_results, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_run_owns_its_results_folder()
    {
        File.Exists(Path.Combine(_results, "bootstrap.log")).Should().BeFalse("a dry run writes no bootstrap.log, and an earlier one is not this run's");
        Directory.Exists(Path.Combine(_results, "scenarios", "an-earlier-failure-abc123")).Should().BeFalse();
        File.ReadAllText(Path.Combine(_results, "notes.txt")).Should().Be("mine", "only what a run writes is removed");
        File.Exists(Path.Combine(_results, ResultsFolder.LivingDoc)).Should().BeTrue();
    }

    [Fact]
    public void The_conformance_report_of_the_dry_run_is_valid_and_says_what_was_shown()
    {
        var json = File.ReadAllText(Path.Combine(_results, ResultsFolder.ReportJson));
        ReportSchema.Errors(json).Should().BeEmpty();
        var report = ConformanceReport.FromJson(json);

        report.Verdict.Should().Be("bound");
        (report.Run.DryRun, report.Run.Mode, report.Run.Live).Should().Be((true, "provision", false));
        report.Run.ScenariosSelected.Should().BeLessThan(report.Run.ScenariosInSuite);
        report.Run.TagFilter.Should().Contain("@canary").And.Contain("@smoke");
        report.Cluster.Note.Should().StartWith("not read");
        report.Capabilities.Select(c => c.Capability).Should().BeEquivalentTo(["canary", "platform", "smoke"]);
        report.Capabilities.Single(c => c.Capability == "smoke").Skips.Should().ContainSingle()
            .Which.Reason.Should().Contain("INFERENCEBOX_PROFILE=full");
        report.Statistics.Should().ContainSingle().Which.Should().Match<StatisticResult>(s =>
            !s.Observed && s.Fact is TrafficSplitFact && ((TrafficSplitFact)s.Fact).N == 466 && s.Fact.Subject == "tenant-a/sklearn-iris");
        report.Bootstrap.CriticalPath.Should().StartWith("model-weights").And.EndWith("models");
        File.ReadAllText(Path.Combine(_results, ResultsFolder.ReportMarkdown)).Should().StartWith("# Conformance report: BOUND");
    }

    [Fact]
    public void At_the_readme_verbosity_the_steps_unfold_then_each_verdict_then_the_report()
    {
        var lines = _output.Split('\n');
        var step = Array.FindIndex(lines, l => l.Contains("[step   ] step: ✓ Given sklearn-iris of tenant-a serves only v1 ("));
        var verdict = Array.FindIndex(lines, l => l.Contains("[done   ] scenario: ✓ PASSED Canary rollout"));
        var report = Array.FindIndex(lines, l => l.Contains("[info   ] report: BOUND: DRY RUN"));
        (step, verdict, report).Should().Match<(int Step, int Verdict, int Report)>(i => i.Step >= 0 && i.Step < i.Verdict && i.Verdict < i.Report, _output);
        lines.Should().Contain(l => l.Contains("[skipped] scenario: – SKIPPED Model serving: Every heavy opt-in model reports ready: @heavy scenarios run only with INFERENCEBOX_PROFILE=full"));
        lines.Count(l => l.Contains("INFERENCEBOX_MOD is not a setting and is ignored; did you mean INFERENCEBOX_MODE?")).Should().Be(1);
    }
}
