using InferenceBox.Specs.Support.Progress;
using InferenceBox.Specs.Support.Provisioning.Ports;
using InferenceBox.Specs.Support.Run;

namespace InferenceBox.Specs.Support.Provisioning;

/// <summary>
/// At run start, deletes what earlier runs' scenarios left behind: namespaces, pods, Secrets and InferenceServices labelled
/// with <see cref="RunContext.RunIdLabel"/> whose value is not this run's id. Deletion is requested, not awaited:
/// nothing of this run depends on the old objects being gone.
/// </summary>
public static class LeftoverSweep
{
    public static async Task<int> SweepAsync(IClusterPort cluster, string currentRunId, IProgressChannel progress, CancellationToken ct)
    {
        var stale = (await cluster.ListLabelledAsync(RunContext.RunIdLabel, ct)).Where(o => o.LabelValue != currentRunId).ToList();
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
