using CliWrap;
using CliWrap.Buffered;
using FluentAssertions;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>
/// README's command 1 where no Docker engine answers: one block first with the cause, the fix and the attach command,
/// then every scenario reported not run, no stack trace, under 100 lines at the README's verbosity (issue 14, item 1).
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
        run.Output.Split('\n').Length.Should().BeLessThan(100, run.Output);
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
        run.Output.Split('\n').Length.Should().BeLessThan(100, run.Output);
    }

    private static async Task<(int ExitCode, string Output, string? Report)> RunSuiteAsync(Dictionary<string, string?> environment)
    {
        // The suite's assembly was built beside this one (project reference), in the same configuration.
        var suite = typeof(InferenceBox.Specs.Support.Run.RunContext).Assembly.Location;
        var results = Path.Combine(Path.GetTempPath(), "no-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        environment["INFERENCEBOX_DRY_RUN"] = null;
        environment["INFERENCEBOX_MODE"] = null;
        environment["INFERENCEBOX_RESULTS_DIR"] = results;
        environment["CI"] = "true";
        try
        {
            var run = await Cli.Wrap("dotnet")
                .WithArguments(["test", suite, "--logger", "console;verbosity=normal"])
                .WithEnvironmentVariables(environment)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
            var report = Path.Combine(results, "conformance-report.json");
            return (run.ExitCode, run.StandardOutput + run.StandardError, File.Exists(report) ? await File.ReadAllTextAsync(report) : null);
        }
        finally
        {
            if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
        }
    }
}
