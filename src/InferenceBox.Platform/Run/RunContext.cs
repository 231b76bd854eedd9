using System.Text.RegularExpressions;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Run;

/// <summary>
/// Run-wide facts, created once by the run hook and registered in every scenario's container, so drivers
/// and steps receive them by constructor injection. <paramref name="clock"/> measures the budgets (the system's in a run,
/// a fake one in a test that moves time itself).
/// </summary>
public sealed partial class RunContext(InferenceBoxSettings settings, IProgressChannel progress, string runId, string resultsDir, TimeProvider? clock = null)
{
    /// <summary>Label put on every object a scenario creates, so later runs can sweep leftovers.</summary>
    public const string RunIdLabel = "inferencebox.dev/run-id";

    /// <summary>
    /// The suite's marker beside <see cref="RunIdLabel"/> (the well-known label, kubernetes.io/docs/concepts/overview/working-with-objects/common-labels):
    /// the sweep deletes only what carries both, never what another tool labelled with a run id.
    /// </summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by", ManagedBy = "inferencebox-specs";

    public InferenceBoxSettings Settings { get; } = settings;
    public IProgressChannel Progress { get; } = progress;
    public WaitBudgets Budgets { get; } = new(settings.TimeoutScale, clock);
    public string RunId { get; } = runId;
    public string ResultsDir { get; } = resultsDir;

    /// <summary>A new run's id: short, sortable and valid as a label value, so objects of older runs can be told apart and swept.</summary>
    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A label value: at most 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric (the run id as
    /// the run label carries it; the leftover sweep compares with it).</summary>
    public static string LabelValue(string value)
    {
        var clean = InvalidLabel().Replace(value, "-");
        clean = clean.Length > 63 ? clean[..63] : clean;
        return clean.Trim('-', '_', '.');
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex InvalidLabel();
}
