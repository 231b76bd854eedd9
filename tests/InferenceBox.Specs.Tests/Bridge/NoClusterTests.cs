using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using FluentAssertions;

namespace InferenceBox.Specs.Tests.Bridge;

/// <summary>
/// The living spec, run for real (no dry run) where no Docker engine answers: it must fail fast, with one clear
/// cause in every scenario, and say how to attach to an existing cluster instead.
/// </summary>
public sealed class NoClusterTests
{
    [Fact]
    public async Task Without_Docker_every_scenario_fails_within_30_seconds_with_the_attach_hint()
    {
        // The suite's assembly was built beside this one (project reference), in the same configuration.
        var suite = typeof(InferenceBox.Specs.Support.Run.RunContext).Assembly.Location;
        var results = Path.Combine(Path.GetTempPath(), "no-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var clock = Stopwatch.StartNew();
        var run = await Cli.Wrap("dotnet")
            .WithArguments(["test", suite, "--filter", "Category=smoke", "--logger", "console;verbosity=normal"])
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
                ["INFERENCEBOX_DRY_RUN"] = null,
                ["INFERENCEBOX_MODE"] = null,
                ["INFERENCEBOX_RESULTS_DIR"] = results,
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));

        run.ExitCode.Should().NotBe(0);
        var output = run.StandardOutput;
        output.Should().Contain("Docker is not reachable").And.Contain("INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=");
        var failed = output.Split('\n').Count(l => l.TrimStart().StartsWith("Failed Platform readiness:", StringComparison.Ordinal));
        var causes = output.Split('\n').Count(l => l.Contains("The test run could not start: Preflight failed:"));
        failed.Should().BeGreaterThan(0);
        causes.Should().BeGreaterThanOrEqualTo(failed, "every failed scenario reports the one cause");
    }
}
