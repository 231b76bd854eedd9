using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Run;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// At run start, deletes what earlier runs' scenarios left behind, and nothing else (issue 19 item 16): namespaces, pods,
/// Secrets and InferenceServices that carry BOTH <see cref="RunContext.RunIdLabel"/> with another run's id AND the suite's
/// marker <see cref="RunContext.ManagedByLabel"/>=<see cref="RunContext.ManagedBy"/>, which every object a scenario creates
/// gets (<see cref="Isolation.ScenarioResources.Labels"/>). The API server selects by both labels; the answer is checked
/// again here. Never by name or namespace: another tool's object with a run-id label, or the provisioner's own Secrets
/// (managed-by, no run label), stay. Deletion is requested, not awaited: nothing of this run depends on the old objects being gone.
/// </summary>
public static class LeftoverSweep
{
    /// <summary>A label selector: the run label present, and the suite's marker.</summary>
    public const string Selector = $"{RunContext.RunIdLabel},{RunContext.ManagedByLabel}={RunContext.ManagedBy}";

    public static async Task<int> SweepAsync(IClusterPort cluster, string currentRunId, IProgressChannel progress, CancellationToken ct)
    {
        var current = RunContext.LabelValue(currentRunId);
        var stale = (await cluster.ListLabelledAsync(Selector, RunContext.RunIdLabel, ct))
            .Where(o => o.ManagedBy == RunContext.ManagedBy && o.LabelValue.Length > 0 && o.LabelValue != current).ToList();
        // Objects inside a namespace that is itself being deleted go with it.
        var doomed = stale.Where(o => o.Kind == "Namespace").Select(o => o.Name).ToHashSet();
        var targets = stale.Where(o => o.Kind == "Namespace" || o.Namespace is null || !doomed.Contains(o.Namespace)).ToList();
        foreach (var target in targets)
        {
            await cluster.DeleteAsync(target, ct);
            progress.Report(new ProgressEvent(ProgressKind.Info, "sweep",
                $"deleted leftover {target.Kind} {(target.Namespace is null ? "" : target.Namespace + "/")}{target.Name} of run {target.LabelValue}"));
        }
        return targets.Count;
    }
}
