using System.Text.Json;
using System.Text.Json.Serialization;
using InferenceBox.Platform.Diagnostics;
using InferenceBox.Platform.Provisioning.Graph;

namespace InferenceBox.Platform.Provisioning;

/// <summary>One phase in the run report: fresh (installed now) or reused (already there), and its timing.</summary>
public sealed record PhaseTiming(string Phase, PhaseStatus Status, double StartedSeconds, double DurationSeconds, string? Cause);

/// <summary>What provisioning did, for the run report (serializable to JSON).</summary>
public sealed record ProvisionReport(
    string Mode, string KubeContext, bool Succeeded, double TotalSeconds,
    IReadOnlyList<PhaseTiming> Phases, IReadOnlyList<string> Problems, int LeftoversSwept)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static ProvisionReport From(string mode, string context, IReadOnlyList<PhaseOutcome> outcomes,
        TimeSpan total, IReadOnlyList<string> problems, int swept) => new(
        mode, context, problems.Count == 0 && outcomes.All(o => o.Succeeded), total.TotalSeconds,
        outcomes.Select(o => new PhaseTiming(o.Phase, o.Status, o.Started.TotalSeconds, o.Duration.TotalSeconds, o.Cause)).ToList(),
        problems, swept);

    /// <summary>The report as written to the results folder: a phase's cause may quote a tool's output, so through the redactor.</summary>
    public string ToJson() => Redactor.Redact(JsonSerializer.Serialize(this, Json));

    /// <summary>The one-paragraph reason provisioning failed, naming every failed phase and problem.</summary>
    public string FailureSummary() => string.Join(Environment.NewLine,
        Problems.Concat(Phases.Where(p => p.Status is PhaseStatus.Failed or PhaseStatus.NotRun)
            .Select(p => $"- {p.Phase}: {p.Cause}")));
}
