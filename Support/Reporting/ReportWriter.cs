using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>Gathers what the report needs besides the messages (pins, machine), writes its files and announces it.</summary>
public static class ReportWriter
{
    public static async Task<ConformanceReport> BuildAsync(RunFacts facts, RunMessages messages, SuiteCatalog suite, CancellationToken ct)
    {
        var platform = PlatformPins.Read(Path.Combine(RunPaths.ManifestsDir(), "versions.yaml"));
        var machine = await MachineFacts.ReadAsync(facts.Budgets.DockerPing, ct);
        return ConformanceReportBuilder.Build(facts, messages, suite, platform, machine, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Writes the JSON to <paramref name="jsonPath"/> and the Markdown beside it, both through the one redactor: failure
    /// messages and skip reasons quote what drivers saw, and a report is attached to changes and audits.
    /// </summary>
    public static async Task WriteAsync(ConformanceReport report, string jsonPath, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
        await File.WriteAllTextAsync(jsonPath, InferenceBox.Platform.Diagnostics.Redactor.Redact(report.ToJson()), ct);
        await File.WriteAllTextAsync(Path.ChangeExtension(jsonPath, ".md"), InferenceBox.Platform.Diagnostics.Redactor.Redact(ReportMarkdown.Render(report)), ct);
    }

    /// <summary>The report's summary as the run's last lines of live progress.</summary>
    public static void Announce(RunFacts facts, ConformanceReport report, string jsonPath)
    {
        if (facts.Progress is not { } progress) return;
        progress.Report(new ProgressEvent(ProgressKind.Info, "report", report.Summary));
        // When nothing ran, the per-capability lines would only repeat "0 passed" for every tag: the summary says it.
        var ran = report.Capabilities.Any(c => c.Passed + c.Failed + c.Skipped > 0);
        foreach (var c in report.Capabilities.Where(c => ran && c.Passed + c.Failed + c.Skipped + c.NotRun > 0))
            progress.Report(new ProgressEvent(ProgressKind.Info, "report",
                $"@{c.Capability}: {c.Passed} passed, {c.Failed} failed, {c.Skipped} skipped, {c.NotRun} not run"));
        progress.Report(new ProgressEvent(ProgressKind.Info, "report", $"conformance report: {jsonPath} (and .md)"));
    }
}
