using System.Globalization;
using System.Text.RegularExpressions;
using Io.Cucumber.Messages.Types;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// Builds the <see cref="ConformanceReport"/> from the run's own facts and Reqnroll's messages. The same code serves a
/// real, attach, rehearsal or dry run, and a run that could not start (every scenario then "not-run", with the cause).
/// </summary>
public static class ConformanceReportBuilder
{
    /// <summary>Tags that steer how scenarios run rather than name a capability.</summary>
    public static readonly IReadOnlySet<string> ControlTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "serial", "heavy", "ignore" };

    public static ConformanceReport Build(RunFacts facts, RunMessages messages, SuiteCatalog suite, PlatformSection platform,
        MachineFacts machine, DateTimeOffset now)
    {
        var run = facts.Run ?? new RunDescription("unknown", "unknown", false, "default", "", null, "");
        var all = messages.Outcomes(suite, started: facts.StartFailure is null);
        var outcomes = all.Where(o => o.Status != "not-selected").ToList();
        var live = !run.DryRun && run.Mode is "provision" or "attach";
        var scenarios = outcomes.Select(o => new ScenarioResult(o.Feature, o.Name, o.Tags, o.Status, Math.Round(o.Seconds, 3),
            o.SkipReason ?? (o.FirstFailure is { } f ? $"{f.Keyword} {f.Text}: {f.Message}" : null))).ToList();
        var problems = messages.ParseErrors.Select(p => $"Gherkin parse error in {p.Source?.Uri}: {p.Message}").ToList();
        if (facts.StartFailure is { } start) problems.Insert(0, $"The run could not start: {start.Cause}");
        var started = messages.Started?.Timestamp;
        var finished = messages.Finished?.Timestamp;

        var verdict = Verdict(facts.StartFailure is not null, run.DryRun, live, run.Mode == "rehearse", outcomes);
        return new ConformanceReport(ConformanceReport.Version, verdict, Summary(verdict, outcomes, run), now,
            new RunSection(run.RunId, run.Mode, run.DryRun, live, run.Profile, run.KubeContext,
                TagFilter(all), all.Count, outcomes.Count, started is null ? null : ToTime(started),
                started is null || finished is null ? null : Math.Round((ToTime(finished) - ToTime(started)).TotalSeconds, 1),
                run.ResultsDir, messages.Meta is { } meta ? $"{meta.Implementation.Name} {meta.Implementation.Version}" : null,
                facts.StartFailure?.Cause),
            platform,
            facts.Cluster ?? new ClusterObservation(false, live ? "not read: the cluster was not reached" :
                $"not read: {(run.DryRun ? "a dry run" : $"a {run.Mode} run")} does not talk to a cluster", null, [], new Dictionary<string, string>()),
            Capabilities(outcomes, facts, run.ResultsDir), scenarios, Statistics(facts, outcomes),
            Bootstrap(facts), machine, problems);
    }

    private static string Verdict(bool notStarted, bool dryRun, bool live, bool rehearsal, IReadOnlyList<ScenarioOutcome> outcomes) =>
        notStarted ? "not-run"
        : outcomes.Any(o => o.Status == "failed") ? "fail"
        : outcomes.All(o => o.Status == "not-run") ? "not-run"
        : rehearsal ? "rehearsed"
        : dryRun ? "bound"
        : !live ? "rehearsed"
        : outcomes.Any(o => o.Status == "skipped") ? "partial"
        : "pass";

    private static string Summary(string verdict, IReadOnlyList<ScenarioOutcome> outcomes, RunDescription run)
    {
        int Count(string status) => outcomes.Count(o => o.Status == status);
        var counts = $"{Count("passed")} passed, {Count("failed")} failed, {Count("skipped")} skipped, {Count("not-run")} not run";
        var meaning = verdict switch
        {
            "bound" => "DRY RUN: every step is bound and every step class built; no step body ran, so nothing about the platform was shown",
            "rehearsed" => run.Mode == "rehearse"
                ? "the platform as code was provisioned by the real provisioner against the API server emulator, with " +
                  "stand-ins for kind, helm, kubectl and docker (see bootstrap); then every step was bound but no step body ran, " +
                  "so nothing about a real platform's behaviour was shown"
                : $"{run.Mode} run: the scenarios ran against stand-ins, not a real cluster",
            "not-run" => "the run could not start; no scenario ran",
            "fail" => "at least one scenario failed: the platform does not keep every promise tested",
            "partial" => "every scenario that ran passed; some were skipped, each with its reason",
            _ => "every scenario passed",
        };
        return $"{verdict.ToUpperInvariant()}: {meaning} ({counts}).";
    }

    private static string TagFilter(IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var ran = outcomes.Where(o => o.Status != "not-selected").ToList();
        if (ran.Count == outcomes.Count) return "none: every scenario of the suite was selected";
        if (ran.Count == 0) return "no scenario was selected";
        var tags = ran.SelectMany(o => o.FeatureTags.Concat(o.Tags)).Distinct().Order();
        return $"{ran.Count} of {outcomes.Count} scenarios selected, tagged {string.Join(", ", tags.Select(t => "@" + t))}";
    }

    private static List<CapabilityResult> Capabilities(IReadOnlyList<ScenarioOutcome> outcomes, RunFacts facts, string resultsDir) =>
        outcomes.SelectMany(o => CapabilitiesOf(o).Select(c => (Capability: c, Outcome: o)))
            .GroupBy(p => p.Capability, p => p.Outcome)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CapabilityResult(g.Key, g.Select(o => o.Feature).Distinct().ToList(),
                g.Count(o => o.Status == "passed"), g.Count(o => o.Status == "failed"), g.Count(o => o.Status == "skipped"),
                g.Count(o => o.Status == "not-run"),
                g.Where(o => o.Status == "skipped").Select(o => new SkipEntry($"{o.Feature}: {o.Name}", o.SkipReason!)).ToList(),
                g.Where(o => o.FirstFailure is not null).Select(o => new FailureEntry($"{o.Feature}: {o.Name}",
                    $"{o.FirstFailure!.Keyword} {o.FirstFailure.Text}", o.FirstFailure.Status, o.FirstFailure.Message,
                    Diagnostics.FailureDiagnostics.FolderFor(resultsDir, o.Identity))).ToList()))
            .ToList();

    private static IEnumerable<string> CapabilitiesOf(ScenarioOutcome o)
    {
        var tags = o.FeatureTags.Where(t => !ControlTags.Contains(t)).ToList();
        return tags.Count > 0 ? tags : [o.Feature];
    }

    private static List<StatisticResult> Statistics(RunFacts facts, IReadOnlyList<ScenarioOutcome> outcomes)
    {
        var names = outcomes.GroupBy(o => o.Identity.Slug).ToDictionary(g => g.Key, g => $"{g.First().Feature}: {g.First().Name}");
        var observed = facts.Statistics.Select(s => new StatisticResult(names.GetValueOrDefault(s.Scenario, s.Scenario), true, s.Fact)).ToList();
        // The canary's design is stated in the step text: shown for scenarios that did not sample (dry run, rehearsal, skip).
        var sampled = facts.Statistics.Where(s => s.Fact is TrafficSplitFact).Select(s => s.Scenario).ToHashSet();
        foreach (var o in outcomes.Where(o => !sampled.Contains(o.Identity.Slug)))
            foreach (var stated in StatedSplits(o))
                observed.Add(new StatisticResult($"{o.Feature}: {o.Name}", false, stated));
        return observed;
    }

    private static IEnumerable<TrafficSplitFact> StatedSplits(ScenarioOutcome o)
    {
        int? n = null;
        var subject = o.Name;
        foreach (var step in o.Steps.Select(s => s.Text))
        {
            if (Regex.Match(step, SplitStepPatterns.Sample) is { Success: true } sample)
                (n, subject) = (SplitStepPatterns.Count(sample.Groups[1].Value), $"{sample.Groups[3].Value}/{sample.Groups[2].Value}");
            else if (Regex.Match(step, SplitStepPatterns.Judge) is { Success: true } judge && n is { } size)
            {
                var g = judge.Groups;
                var design = SplitStepPatterns.Design(int.Parse(g[2].Value, CultureInfo.InvariantCulture), g[3].Value,
                    int.Parse(g[4].Value, CultureInfo.InvariantCulture), g[5].Value, g[6].Value);
                yield return TrafficSplitFact.Stated(subject, g[1].Value, design, size);
            }
        }
    }

    private static BootstrapSection Bootstrap(RunFacts facts)
    {
        var estimates = facts.Plan?.Phases.ToDictionary(p => p.Name, p => p.Estimate.TotalSeconds) ?? [];
        var (chain, length) = facts.Plan?.CriticalPath() ?? ([], TimeSpan.Zero);
        if (facts.Provisioning is { } report)
        {
            var phases = report.Phases.Select(p => new PhaseResult(p.Phase, System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(p.Status.ToString()),
                Math.Round(p.StartedSeconds, 1), Math.Round(p.DurationSeconds, 1), estimates.GetValueOrDefault(p.Phase), p.Cause)).ToList();
            var measured = phases.ToDictionary(p => p.Phase, p => p.DurationSeconds ?? 0);
            return new BootstrapSection($"{Provisioner.ReportFileName} ({report.Mode}, {report.TotalSeconds:0.0}s in all)", phases,
                chain.Select(p => p.Name).ToList(), Math.Round(chain.Sum(p => measured.GetValueOrDefault(p.Name)), 1),
                "the plan's critical path, timed with this run's measured durations");
        }
        return new BootstrapSection(facts.Plan is null ? "none: nothing was provisioned" : "the plan only: nothing was provisioned",
            facts.Plan?.Phases.Select(p => new PhaseResult(p.Name, "planned", null, null, p.Estimate.TotalSeconds, null)).ToList() ?? [],
            chain.Select(p => p.Name).ToList(), facts.Plan is null ? null : length.TotalSeconds, "the plan's estimates for a cold run");
    }

    private static DateTimeOffset ToTime(Timestamp t) => DateTimeOffset.FromUnixTimeSeconds(t.Seconds).AddTicks(t.Nanos / 100);
}
