using InferenceBox.Platform.Models;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The state every shared model must be in before any scenario: the catalog's v1 at 100%, with no canary. A canary
/// scenario that failed, or whose restore failed, leaves a model on v2 or split, and the next run's parallel features
/// would fail in a cascade; the run hook checks every shared model first and puts back what differs (issue 17 item 14).
/// </summary>
public static class SteadyState
{
    /// <summary>Null when the InferenceService serves only <paramref name="storageUri"/>, without a canary, from one revision; otherwise what differs.</summary>
    public static string? WhyNot(InferenceServiceState state, string storageUri)
    {
        var problems = new List<string>();
        if (state.StorageUri != storageUri) problems.Add($"storageUri {state.StorageUri ?? "(none)"}, not {storageUri}");
        if (state.CanaryTrafficPercent is { } percent) problems.Add($"canaryTrafficPercent {percent}");
        var serving = state.Traffic.Where(t => t.Percent > 0).ToList();
        if (serving is not [{ Percent: 100, LatestRevision: true }]) problems.Add($"traffic [{string.Join(", ", state.Traffic)}], not 100% to the latest revision");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>Checks every default catalog model's v1 and restores those that differ; returns what was restored.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(KServeDriver kserve, RunContext run, ModelCatalog catalog, CancellationToken ct = default)
    {
        var restored = new List<string>();
        foreach (var model in catalog.Defaults.Where(m => m.Version == "v1"))
        {
            var state = await kserve.GetAsync(model.Tenant, model.Name, ct);
            if (WhyNot(state, model.StorageUri) is not { } problem) continue;
            run.Progress.Report(new ProgressEvent(ProgressKind.Info, "steady-state", $"{model.Tenant}/{model.Name} is not at its steady state ({problem}): restoring v1"));
            await kserve.PatchPredictorAndWaitAsync(model.Tenant, model.Name, CanaryDriver.ServeOnlyPatch(model.StorageUri), ct);
            restored.Add($"{model.Tenant}/{model.Name}: {problem}");
        }
        return restored;
    }
}
