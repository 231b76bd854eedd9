using InferenceBox.Platform.Run;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>One phase the rehearsal failed in: what was refused (object, source, answer) and which layer refused it.</summary>
public sealed record RehearsalFailure(string Phase, string Cause, string Layer);

/// <summary>
/// The rehearsal refused the platform as code. A known cause (<see cref="IKnownCause"/>; the run hook hands it to the runner bridge):
/// printed once, and every scenario reported not run. Names each failed phase, the object (kind, namespace, name),
/// its source (file and line), the server's answer and the layer that gave it; then the phases not run because of it.
/// </summary>
public sealed class RehearsalFailedException(ProvisionReport? report, IReadOnlyList<RehearsalFailure> failures, string logPath)
    : Exception(Describe(report, failures)), IKnownCause
{
    public const string Command = "INFERENCEBOX_MODE=rehearse dotnet test InferenceBox.Specs.csproj";

    /// <summary>The provisioning report (null when preflight refused before any phase ran).</summary>
    public ProvisionReport? Report { get; } = report;

    public IReadOnlyList<RehearsalFailure> Failures { get; } = failures;

    public string Cause => Message;

    public string Fix => "Fix what is named above at its source (a file of manifests/ and its line), then rehearse again: " +
                         $"{Command} (seconds, no Docker).{Environment.NewLine}Every line of the rehearsal is in {logPath}.";

    /// <summary>One line for the verdict: which phases failed, and how many were not run because of them.</summary>
    public string Headline
    {
        get
        {
            var notRun = NotRun(Report);
            return $"{Failures.Count} phase{(Failures.Count == 1 ? "" : "s")} failed ({string.Join(", ", Failures.Select(f => f.Phase))})" +
                   (notRun.Count == 0 ? "" : $", {notRun.Count} not run because of it ({string.Join(", ", notRun)})");
        }
    }

    public override string? StackTrace => null;

    private static List<string> NotRun(ProvisionReport? report) =>
        report?.Phases.Where(p => p.Status == PhaseStatus.NotRun).Select(p => p.Phase).ToList() ?? [];

    private static string Describe(ProvisionReport? report, IReadOnlyList<RehearsalFailure> failures)
    {
        var lines = new List<string> { "The rehearsal refused the platform as code (the real provisioner against the API server emulator):" };
        foreach (var f in failures)
        {
            lines.Add($"- phase {f.Phase}: {f.Cause}");
            lines.Add($"  refused by: {f.Layer}");
        }
        if (NotRun(report) is { Count: > 0 } notRun) lines.Add($"- not run because of it: {string.Join(", ", notRun)}");
        return string.Join(Environment.NewLine, lines);
    }
}
