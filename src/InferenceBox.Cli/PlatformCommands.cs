using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Rehearsal;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Cli;

/// <summary>
/// What each command does, over the platform code the suite's run hook uses (Hooks/RunHooks): the same
/// <see cref="Provisioner"/>, the same <see cref="RehearsalRun"/>, the same settings and reports. Each returns its exit code.
/// </summary>
public sealed class PlatformCommands(CliConsole console)
{
    public async Task<int> UpAsync(CancellationToken ct)
    {
        // Attach mode (preflight's advice without Docker) checks a cluster of yours and installs nothing; any other mode provisions.
        var settings = Settings();
        var run = Start(settings with { Mode = settings.Mode == RunMode.Attach ? RunMode.Attach : RunMode.Provision, DryRun = false }, claimResults: true);
        using var provisioner = new Provisioner(run, new ProvisionerOptions { ManifestCheck = new SchemaManifestCheck(run.Settings) });
        try
        {
            await provisioner.ProvisionAsync(ct);
        }
        catch (Exception e) when (e is ProvisioningFailedException or PreflightException)
        {
            console.Error.WriteLine(e.Message);
            return CliApp.Failed;
        }
        console.Out.WriteLine();
        PlatformGuide.Write(console.Out, run.Settings);
        return CliApp.Ok;
    }

    public Task<int> PlanAsync(CancellationToken ct)
    {
        var run = Start(Settings(), claimResults: false);
        using var provisioner = new Provisioner(run);
        provisioner.PrintPlan();
        return Task.FromResult(CliApp.Ok);
    }

    public async Task<int> RehearseAsync(CancellationToken ct)
    {
        var run = Start(Settings() with { Mode = RunMode.Rehearse }, claimResults: true);
        try
        {
            await RehearsalRun.RunAsync(run, null, ct);
            return CliApp.Ok;
        }
        catch (RehearsalFailedException e)
        {
            console.Error.WriteLine(e.Cause);
            console.Error.WriteLine(e.Fix.Replace(RehearsalFailedException.Command, $"{CliApp.Name} rehearse", StringComparison.Ordinal));
            return CliApp.Failed;
        }
    }

    public async Task<int> StatusAsync(CancellationToken ct)
    {
        var run = Start(Settings(), claimResults: false);
        using var provisioner = new Provisioner(run);
        IReadOnlyList<PhaseHealth> phases;
        try
        {
            phases = await provisioner.StatusAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Exceptions.KubeConfigException or FileNotFoundException)
        {
            console.Error.WriteLine($"{CliApp.Name}: cannot read the cluster of context {run.Settings.KubeContext}: {e.Message} " +
                                    $"(bring it up with '{CliApp.Name} up', or name another with INFERENCEBOX_KUBE_CONTEXT).");
            return CliApp.Failed;
        }
        console.Out.WriteLine($"context {run.Settings.KubeContext}:");
        foreach (var phase in phases)
        {
            console.Out.WriteLine(phase switch
            {
                { Requirements: 0 } => $"  unchecked  {phase.Phase} (it declares no readiness requirement to check)",
                { Problems.Count: 0 } => $"  ready      {phase.Phase}",
                _ => $"  NOT READY  {phase.Phase}",
            });
            foreach (var problem in phase.Problems) console.Out.WriteLine($"             - {problem}");
        }
        var notReady = phases.Count(p => p.Problems.Count > 0);
        console.Out.WriteLine(notReady == 0 ? "every phase with a readiness requirement is ready" : $"{notReady} of {phases.Count} phases not ready");
        console.Out.WriteLine();
        PlatformGuide.Write(console.Out, run.Settings);
        return notReady == 0 ? CliApp.Ok : CliApp.Failed;
    }

    public async Task<int> DownAsync(CancellationToken ct)
    {
        var run = Start(Settings() with { Mode = RunMode.Provision, Teardown = TeardownPolicy.Delete }, claimResults: false);
        using var provisioner = new Provisioner(run);
        await provisioner.OnRunEndAsync(allPassed: true, ct);
        return CliApp.Ok;
    }

    private InferenceBoxSettings Settings()
    {
        var settings = SettingsLoader.Load(console.GetVariable, RunPaths.RepositoryRoot());
        foreach (var unknown in SettingNames.Unknown(EnvironmentNames()))
            console.Error.WriteLine($"{CliApp.Name}: warning: {unknown}");
        return settings;
    }

    private IEnumerable<string> EnvironmentNames() =>
        Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name => console.GetVariable(name) is not null);

    private RunContext Start(InferenceBoxSettings settings, bool claimResults)
    {
        var resultsDir = RunPaths.ResultsDir(settings);
        if (claimResults) ResultsFolder.Claim(resultsDir);
        return new RunContext(settings with { ResultsDir = resultsDir }, new ConsoleProgress(console.Out), RunContext.NewRunId(), resultsDir);
    }
}
