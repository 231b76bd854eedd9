using System.Collections.Concurrent;
using Reqnroll;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Counts the scenarios still to run per feature and releases the feature ([AfterFeature]) after its last
/// one; whatever is left (a run cancelled half way) is released at the end of the run.
/// </summary>
internal static class FeatureLifetimes
{
    private static readonly ConcurrentDictionary<string, int> Remaining = new();
    private static readonly ConcurrentDictionary<string, FeatureInfo> Started = new();

    public static void Expect(string feature, int scenarios) => Remaining[feature] = scenarios;

    public static void MarkStarted(string feature, FeatureInfo info) => Started.TryAdd(feature, info);

    public static async Task ScenarioFinishedAsync(string feature)
    {
        var left = Remaining.AddOrUpdate(feature, 0, (_, n) => n - 1);
        if (left <= 0 && Started.TryRemove(feature, out var info))
            await TestRunnerManager.ReleaseFeatureAsync(info, ReqnrollRun.TestAssembly, ReqnrollRun.ContainerBuilder);
    }

    public static async Task ReleaseAllAsync()
    {
        foreach (var feature in Started.Keys.ToList())
            if (Started.TryRemove(feature, out var info))
                await TestRunnerManager.ReleaseFeatureAsync(info, ReqnrollRun.TestAssembly, ReqnrollRun.ContainerBuilder);
    }
}
