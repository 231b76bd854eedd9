using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>
/// Checks the machine before anything is applied, failing fast: Docker first (nothing else matters without it),
/// then capacity, host ports, the kube context and the manifests. Throws <see cref="PreflightException"/> listing
/// every problem with its fix.
/// </summary>
public sealed class PreflightRunner(InferenceBoxSettings settings, IToolRunner tools, WaitBudgets budgets, IProgressChannel progress,
    string kubeconfigPath, Func<CancellationToken, Task<bool>> clusterExists, IManifestCheck? manifests, string manifestsDir,
    IReadOnlyDictionary<int, string>? ports = null, IReadOnlyList<string>? knownProblems = null)
{
    public const string Phase = "preflight";

    public async Task RunAsync(CancellationToken ct)
    {
        var problems = new List<string>(knownProblems ?? []);
        var exists = false;
        if (settings.Mode == RunMode.Provision)
        {
            var (capacity, unreachable) = await DockerCheck.PingAsync(tools, budgets.DockerPing, ct);
            if (unreachable is not null) Fail([unreachable, .. problems]);
            if (DockerCheck.CapacityProblem(capacity!, settings.Profile) is { } small) problems.Add(small);
            exists = await clusterExists(ct);
            if (!exists) problems.AddRange(HostChecks.PortProblems(ports ?? HostChecks.KindPorts(manifestsDir)));
            progress.Report(new ProgressEvent(ProgressKind.Info, Phase,
                $"Docker reachable ({capacity!.Cpus} CPUs); cluster {InferenceBoxSettings.ClusterName} {(exists ? "exists" : "will be created")}"));
        }
        if (HostChecks.ContextProblem(settings, kubeconfigPath, exists) is { } context) problems.Add(context);
        problems.AddRange(await ManifestProblemsAsync(ct));
        if (problems.Count > 0) Fail(problems);
        progress.Report(new ProgressEvent(ProgressKind.Done, Phase, "all checks passed"));
    }

    private async Task<IEnumerable<string>> ManifestProblemsAsync(CancellationToken ct)
    {
        if (manifests is null)
        {
            progress.Report(new ProgressEvent(ProgressKind.Info, Phase, "manifest schema check not plugged in; skipped"));
            return [];
        }
        var result = await manifests.CheckAsync(manifestsDir, ct);
        if (result.IsValid) return [];
        var shown = result.Errors.Take(20).Select(e => $"Invalid manifest: {e}").ToList();
        if (result.Errors.Count > shown.Count) shown.Add($"... and {result.Errors.Count - shown.Count} more manifest errors.");
        shown.Add("Fix the manifests above (file, object, field path are given); nothing was applied.");
        return shown;
    }

    private void Fail(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems) progress.Report(new ProgressEvent(ProgressKind.Failed, Phase, problem));
        throw new PreflightException(problems);
    }
}
