using System.Globalization;
using System.Text;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>The conformance report as Markdown: for a person, a change request or a CI job summary.</summary>
public static class ReportMarkdown
{
    public static string Render(ConformanceReport r)
    {
        // Numbers as a report is read anywhere: 20%, 0.0001, not the machine's culture.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try { return RenderInvariant(r); }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    private static string RenderInvariant(ConformanceReport r)
    {
        var md = new StringBuilder();
        var run = r.Run;
        md.AppendLine($"# Conformance report: {r.Verdict.ToUpperInvariant()}").AppendLine().AppendLine(r.Summary).AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|")
            .AppendLine($"| run | `{run.RunId}`, mode **{run.Mode}**{(run.DryRun ? ", **DRY RUN**" : "")}, profile {run.Profile}, context `{run.KubeContext}` |")
            .AppendLine($"| selection | {run.TagFilter} |")
            .AppendLine($"| platform pins | Kubernetes {r.Platform.Kubernetes}, kind {r.Platform.Kind} ({r.Platform.Charts.Count} charts, {r.Platform.Releases.Count} release files in manifests/versions.yaml) |")
            .AppendLine($"| cluster | {(r.Cluster.Read ? $"server {r.Cluster.ServerVersion}; {r.Cluster.Images.Count} images, {r.Cluster.Charts.Count} charts found" : r.Cluster.Note)} |")
            .AppendLine($"| machine | {r.Machine.Cpus} CPUs, {r.Machine.MemoryGiB:0.#} GiB, {r.Machine.Os}; Docker {r.Machine.DockerServer ?? "not reachable"}; kind {r.Machine.Kind ?? "not found"} |")
            .AppendLine($"| reports | `{run.ResultsDir}` |").AppendLine();
        foreach (var problem in r.Problems) md.AppendLine($"> **Problem:** {problem}").AppendLine();

        md.AppendLine("## Capabilities").AppendLine().AppendLine("| capability | passed | failed | skipped | not run |").AppendLine("|---|---|---|---|---|");
        foreach (var c in r.Capabilities) md.AppendLine($"| `@{c.Capability}` | {c.Passed} | {c.Failed} | {c.Skipped} | {c.NotRun} |");
        md.AppendLine();
        var failures = r.Capabilities.SelectMany(c => c.Failures).DistinctBy(f => f.Scenario).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine("### Failures").AppendLine();
            foreach (var f in failures)
                md.AppendLine($"- **{f.Scenario}**: {f.Status} at `{f.Step}`: {f.Message} (diagnostics: `{f.Diagnostics}`)");
            md.AppendLine();
        }
        var skips = r.Capabilities.SelectMany(c => c.Skips).DistinctBy(s => s.Scenario).ToList();
        if (skips.Count > 0)
        {
            md.AppendLine("### Skipped, with the reason").AppendLine();
            foreach (var s in skips) md.AppendLine($"- {s.Scenario}: {s.Reason}");
            md.AppendLine();
        }
        if (r.Statistics.Count > 0)
        {
            md.AppendLine("## Statistics the specs state").AppendLine().AppendLine("| scenario | statistic | stated | observed |").AppendLine("|---|---|---|---|");
            foreach (var s in r.Statistics) md.AppendLine($"| {s.Scenario} | {Describe(s.Fact)} |");
            md.AppendLine();
        }
        md.AppendLine("## Bootstrap").AppendLine().AppendLine($"Source: {r.Bootstrap.Source}. Critical path ({r.Bootstrap.CriticalPathBasis}): " +
            $"{string.Join(" → ", r.Bootstrap.CriticalPath)}{(r.Bootstrap.CriticalPathSeconds is { } cp ? $" = {cp:0}s" : "")}.").AppendLine();
        if (r.Bootstrap.Phases.Any(p => p.Status != "planned"))
        {
            md.AppendLine("| phase | status | took | estimate |").AppendLine("|---|---|---|---|");
            foreach (var p in r.Bootstrap.Phases) md.AppendLine($"| {p.Phase} | {p.Status} | {p.DurationSeconds:0.0}s | {p.EstimateSeconds:0}s |");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Describe(StatisticFact fact) => fact switch
    {
        TrafficSplitFact t => $"{t.Version}'s share, exact binomial test | n={t.N}, share {Percent(t.ExpectedShare)}, α={t.Alpha:G3}, power {t.Power:G4} " +
                              $"against a {t.Misroute * 100:0.#}-point misroute (power at n: {t.PowerAtN:G4}); accept {t.AcceptLow}..{t.AcceptHigh} | " +
                              (t.Hits is { } hits ? $"{hits}/{t.N} = {Percent(t.ObservedShare)}, {Percent(t.WilsonConfidence)} Wilson interval " +
                                                    $"{Percent(t.WilsonLow)}–{Percent(t.WilsonHigh)}, p={t.PValue:G3}: {(t.Passed == true ? "PASS" : "FAIL")}" : "not observed"),
        ColdStartFact c => $"cold-start latency of {c.Subject} | the step's budget | {c.LatencySeconds:0.00}s, answered {c.StatusCode} by {c.Version ?? "?"}",
        ScaleToZeroFact z => $"scale to zero of {z.Subject} | within {z.BudgetSeconds:0}s | {z.TookSeconds:0.0}s",
        RateLimitFact b => $"burst from {b.Subject} | {b.Sent} sent | {b.Passed} passed, {b.Limited} refused with the local limiter's 429, {b.Other} other",
        _ => $"{fact.Subject} | | ",
    };

    private static string Percent(double? share) => share is { } s ? $"{s * 100:0.#}%" : "?";
}
