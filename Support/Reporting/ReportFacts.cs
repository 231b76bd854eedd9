using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// A statistic a spec states, with what the run observed. Drivers and steps record these facts as they establish them
/// (the report never parses a log line to find a number).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TrafficSplitFact), "traffic-split")]
[JsonDerivedType(typeof(ColdStartFact), "cold-start")]
[JsonDerivedType(typeof(ScaleToZeroFact), "scale-to-zero")]
[JsonDerivedType(typeof(RateLimitFact), "rate-limit-burst")]
public abstract record StatisticFact(string Subject);

/// <summary>A canary's share judged once by the exact binomial test: the design the step states, and what was seen.</summary>
public sealed record TrafficSplitFact(
    string Subject, string Version, int N, double ExpectedShare, double Alpha, double Power, double Misroute, double PowerAtN,
    int? Hits, double? ObservedShare, double? WilsonLow, double? WilsonHigh, double? WilsonConfidence, double? PValue,
    int AcceptLow, int AcceptHigh, bool? Passed) : StatisticFact(Subject)
{
    /// <summary>From the verdict the step judged.</summary>
    public static TrafficSplitFact Of(string subject, string version, SplitVerdict v) => new(subject, version, v.N,
        v.Design.ExpectedShare, v.Design.Alpha, v.Design.Power, v.Design.Misroute, v.Design.PowerAt(v.N), v.Hits, v.Interval.Share,
        v.Interval.Low, v.Interval.High, v.Interval.Confidence, v.PValue, v.Region.Low, v.Region.High, v.Passed);

    /// <summary>What the spec states, before (or without) a sample: a dry run or a rehearsal shows the design it would apply.</summary>
    public static TrafficSplitFact Stated(string subject, string version, SplitDesign design, int n)
    {
        var region = ExactBinomialTest.Region(n, design.ExpectedShare, design.Alpha);
        return new(subject, version, n, design.ExpectedShare, design.Alpha, design.Power, design.Misroute, design.PowerAt(n),
            null, null, null, null, null, null, region.Low, region.High, null);
    }
}

/// <summary>One request to a model with no pod: how long the answer took against the spec's budget.</summary>
public sealed record ColdStartFact(string Subject, double LatencySeconds, int StatusCode, string? Version) : StatisticFact(Subject);

/// <summary>How long a model took to reach zero pods, against the budget derived from the live autoscaler settings.</summary>
public sealed record ScaleToZeroFact(string Subject, double TookSeconds, double BudgetSeconds) : StatisticFact(Subject);

/// <summary>How a burst was answered: 200s, the local rate limiter's 429s, and anything else.</summary>
public sealed record RateLimitFact(string Subject, int Sent, int Passed, int Limited, int Other) : StatisticFact(Subject)
{
    public static RateLimitFact Of(string subject, BurstSummary burst) => new(subject, burst.Sent, burst.Passed, burst.Limited, burst.Others.Count);
}

/// <summary>
/// The facts of one scenario. Registered per scenario by the run hook, keyed by the scenario's identity slug (feature,
/// title, example row: <see cref="Isolation.ScenarioIdentity"/>), which the report derives from each pickle the same
/// way, so each fact lands beside the scenario that established it.
/// </summary>
public sealed class ScenarioFacts(RunFacts run, string scenarioKey)
{
    public void Record(StatisticFact fact) => run.Record(scenarioKey, fact);
}

/// <summary>The run's own facts for the conformance report: gathered by the run hook, drivers and steps.</summary>
public sealed class RunFacts
{
    private readonly ConcurrentQueue<(string Scenario, StatisticFact Fact)> _statistics = new();

    /// <summary>The facts of the run in progress (one run per test process).</summary>
    public static RunFacts Current { get; } = new();

    /// <summary>The run's live channel, for the step view and the report's summary (set by the run hook).</summary>
    public InferenceBox.Platform.Progress.IProgressChannel? Progress { get; set; }

    public RunDescription? Run { get; set; }

    /// <summary>The run's budgets, scaled by its settings; nominal until the settings are read (a run whose settings are invalid).</summary>
    public InferenceBox.Platform.Waiting.WaitBudgets Budgets { get; set; } = new();
    public InferenceBox.Platform.Provisioning.ProvisionReport? Provisioning { get; set; }
    public InferenceBox.Platform.Provisioning.Graph.PhasePlan? Plan { get; set; }
    public ClusterObservation? Cluster { get; set; }
    public StartFailure? StartFailure { get; set; }

    public void Record(string scenarioKey, StatisticFact fact) => _statistics.Enqueue((scenarioKey, fact));

    public IReadOnlyList<(string Scenario, StatisticFact Fact)> Statistics => _statistics.ToList();
}

/// <summary>What was asked of the run: its id, mode, profile, tag filter and where it writes.</summary>
public sealed record RunDescription(string RunId, string Mode, bool DryRun, string Profile, string KubeContext, string? TagFilter, string ResultsDir);

/// <summary>The run could not start: the cause, and the fix the start block printed.</summary>
public sealed record StartFailure(string Cause, string? Fix);
