using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Cli.Tests;

/// <summary>The offline commands, for real: the repository's plan, and the whole rehearsal against the API server emulator.</summary>
public sealed class PlanAndRehearseTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("inferencebox-cli-").FullName;

    [Fact]
    public async Task Plan_prints_every_phase_of_the_platform_in_its_wave_and_the_critical_path_and_writes_nothing()
    {
        var results = Path.Combine(_results, "plan");
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_RESULTS_DIR"] = results }, "plan");

        result.ExitCode.Should().Be(CliApp.Ok);
        result.Error.Should().BeEmpty();
        var plan = RepositoryPlan();
        for (var wave = 0; wave < plan.Waves.Count; wave++)
            foreach (var phase in plan.Waves[wave])
                result.Output.Should().Contain($"[plan   ] {phase.Name}: wave {wave + 1}; after [{string.Join(", ", phase.DependsOn)}]");
        var (chain, length) = plan.CriticalPath();
        result.OutputLines.Should().ContainSingle(l => l.Contains("[plan   ] critical-path: ")).Which.Should()
            .Contain($"critical-path: {string.Join(" -> ", chain.Select(p => p.Name))} = {length.TotalSeconds:0}s cold");
        Directory.Exists(results).Should().BeFalse("the plan provisions nothing and writes no report");
    }

    [Fact]
    public async Task Rehearse_provisions_the_repository_platform_against_the_emulator_and_writes_the_run_reports()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_RESULTS_DIR"] = _results }, "rehearse");

        result.Error.Should().BeEmpty();
        result.ExitCode.Should().Be(CliApp.Ok);
        result.OutputLines[^1].Should().Contain("[done   ] rehearsal: PASSED in ");
        foreach (var phase in RepositoryPlan().Phases)
            result.Output.Should().Contain($"] {phase.Name}: done", $"phase {phase.Name} ran against the emulator");
        File.ReadAllText(Path.Combine(_results, Provisioner.ReportFileName)).Should().Contain("\"mode\": \"rehearse\"");
        File.ReadAllText(Path.Combine(_results, BootstrapLog.FileName)).Should().Contain("rehearsal: PASSED in ");
    }

    private static PhasePlan RepositoryPlan()
    {
        using var provisioner = new Provisioner(new RunContext(new InferenceBoxSettings(), new Silent(), "test", Path.GetTempPath()));
        return provisioner.Plan();
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private sealed class Silent : IProgressChannel
    {
        public void Report(ProgressEvent progressEvent) { }
    }
}
