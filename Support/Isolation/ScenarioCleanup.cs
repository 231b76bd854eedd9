using InferenceBox.Platform.Cluster;


namespace InferenceBox.Specs.Support.Isolation;

/// <summary>
/// Deletes what a scenario created, newest first, waiting for each to be gone. Every object is attempted even if
/// one fails; the failures are reported together so a leak is never silent.
/// </summary>
public static class ScenarioCleanup
{
    public static async Task DeleteAllAsync(IReadOnlyList<ObjectRef> created, Func<ObjectRef, CancellationToken, Task> deleteAndWait,
        CancellationToken ct = default)
    {
        var failures = new List<string>();
        foreach (var obj in created)
        {
            try
            {
                await deleteAndWait(obj, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures.Add($"{obj}: {e.Message}");
            }
        }
        if (failures.Count > 0)
            throw new InvalidOperationException(
                $"Cleanup left {failures.Count} of {created.Count} objects behind (a later run sweeps them by label):\n" +
                string.Join('\n', failures));
    }
}
