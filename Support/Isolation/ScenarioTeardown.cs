using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Isolation;

/// <summary>What happened to a scenario's objects at its end.</summary>
public enum TeardownResult { Skipped, NothingToDelete, Kept, Deleted }

/// <summary>
/// The end of every scenario, in this order: on failure write the diagnostics (while the evidence still exists);
/// then keep the scenario's objects if it failed and keep-on-failure is set, else delete them and wait until gone.
/// Nothing happens in a dry run.
/// </summary>
public static class ScenarioTeardown
{
    public static async Task<TeardownResult> RunAsync(RunContext run, ScenarioIdentity scenario, Exception? error, ScenarioTimeline timeline,
        ScenarioResources resources, IClusterEvidenceSource? evidence, Func<ObjectRef, CancellationToken, Task>? deleteAndWait,
        CancellationToken ct = default)
    {
        if (run.Settings.DryRun) return TeardownResult.Skipped;
        if (error is not null)
        {
            var folder = await FailureDiagnostics.WriteAsync(run.ResultsDir, scenario, error.ToString(), timeline, evidence, ct);
            run.Progress.Report(new ProgressEvent(ProgressKind.Info, scenario.Title, $"diagnostics written to {folder}"));
        }
        if (resources.Created.Count == 0 || deleteAndWait is null) return TeardownResult.NothingToDelete;
        if (error is not null && run.Settings.KeepOnFailure)
        {
            run.Progress.Report(new ProgressEvent(ProgressKind.Info, scenario.Title,
                $"kept {resources.Created.Count} objects for inspection (INFERENCEBOX_KEEP_ON_FAILURE): {string.Join(", ", resources.Created)}"));
            return TeardownResult.Kept;
        }
        await ScenarioCleanup.DeleteAllAsync(resources.Created, deleteAndWait, ct);
        return TeardownResult.Deleted;
    }
}
