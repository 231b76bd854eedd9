using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// The conformance report of one run, written beside the living doc as conformance-report.json (this shape, checked
/// against docs/conformance-report.schema.json) and conformance-report.md. It stands alone: what was tested and on
/// what, per capability what passed, failed or was skipped and why, the statistics the specs state beside what was
/// observed, how the platform was brought up, the machine, and a one-word verdict. Modelled on the Gateway API
/// conformance report (kubernetes-sigs/gateway-api@v1.3.0:conformance/apis/v1/conformancereport.go: implementation,
/// mode, profiles with passed/failed/skipped counts and failed test names) and going further: every skip has its
/// reason, every failure its first failing step and diagnostics folder, and the statistics are in it.
/// </summary>
public sealed record ConformanceReport(
    string SchemaVersion, string Verdict, string Summary, DateTimeOffset GeneratedAt, RunSection Run, PlatformSection Platform,
    ClusterObservation Cluster, IReadOnlyList<CapabilityResult> Capabilities, IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<StatisticResult> Statistics, BootstrapSection Bootstrap, MachineFacts Machine, IReadOnlyList<string> Problems)
{
    public const string Version = "1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConformanceReport FromJson(string json) =>
        JsonSerializer.Deserialize<ConformanceReport>(json, Json) ?? throw new InvalidDataException("An empty conformance report.");
}

/// <summary>What was asked: mode (provision, attach, rehearse, ...), dry run or not, profile, the tag filter seen, the tools.</summary>
public sealed record RunSection(
    string RunId, string Mode, bool DryRun, bool Live, string Profile, string KubeContext, string TagFilter, int ScenariosInSuite,
    int ScenariosSelected, DateTimeOffset? StartedAt, double? DurationSeconds, string ResultsDir, string? Reqnroll, string? StartFailure);

/// <summary>The pins of manifests/versions.yaml: what the platform is meant to be.</summary>
public sealed record PlatformSection(
    string? Kubernetes, string? Kind, string? NodeImage, IReadOnlyDictionary<string, string> Charts,
    IReadOnlyDictionary<string, string> Releases, IReadOnlyDictionary<string, string> Images, IReadOnlyDictionary<string, string> Tools);

/// <summary>What the cluster itself reports (live runs only; otherwise Read is false and Note says why).</summary>
public sealed record ClusterObservation(
    bool Read, string Note, string? ServerVersion, IReadOnlyList<string> Images, IReadOnlyDictionary<string, string> Charts);

/// <summary>One capability (a feature tag): counts, every skip with its reason, every failure with its first failing step.</summary>
public sealed record CapabilityResult(
    string Capability, IReadOnlyList<string> Features, int Passed, int Failed, int Skipped, int NotRun,
    IReadOnlyList<SkipEntry> Skips, IReadOnlyList<FailureEntry> Failures);

public sealed record SkipEntry(string Scenario, string Reason);

public sealed record FailureEntry(string Scenario, string Step, string Status, string? Message, string Diagnostics);

public sealed record ScenarioResult(
    string Feature, string Scenario, IReadOnlyList<string> Tags, string Status, double DurationSeconds, string? Reason);

/// <summary>A statistic of a scenario: the scenario, whether it was observed, and the fact (design and observation).</summary>
public sealed record StatisticResult(string Scenario, bool Observed, StatisticFact Fact);

/// <summary>How the platform was brought up: per phase fresh or reused with its timing, and the critical path.</summary>
public sealed record BootstrapSection(
    string Source, IReadOnlyList<PhaseResult> Phases, IReadOnlyList<string> CriticalPath, double? CriticalPathSeconds, string CriticalPathBasis);

public sealed record PhaseResult(string Phase, string Status, double? StartedSeconds, double? DurationSeconds, double EstimateSeconds, string? Cause);
