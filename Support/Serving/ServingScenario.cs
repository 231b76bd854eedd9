using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>What a serving scenario remembers between its steps. Created per scenario by context injection.</summary>
public sealed class ServingScenario(ModelCatalog catalog)
{
    private readonly Dictionary<(string, string), ModelVersions> versions = [];

    public ProbeAnswer? ColdProbe { get; set; }
    public SplitSample? Sample { get; set; }
    public ModelVersions? Modified { get; set; }

    public ModelVersions Versions(string tenant, string model)
    {
        if (!versions.TryGetValue((tenant, model), out var v)) versions[(tenant, model)] = v = ModelVersions.Of(catalog, tenant, model);
        return v;
    }

    /// <summary>
    /// Null when the cold probe was answered by <paramref name="version"/> within <paramref name="budget"/> (the scaled
    /// "cold-start" budget, never a literal of the feature), in one attempt: a transport retry would hide a failed cold start.
    /// </summary>
    public static string? WhyNotColdStartWithin(ProbeAnswer answer, string version, TimeSpan budget) =>
        answer.Version != version ? $"answered by {answer.Version ?? "nothing"}, not {version}: {answer}"
        : answer.Exchange.Retried ? $"answered only after {answer.Exchange.Attempts} attempts: {answer}"
        : answer.Exchange.Latency > budget ? $"{answer.Exchange.Latency.TotalSeconds:0.0} s, beyond the cold-start budget of {budget.TotalSeconds:0} s: {answer}"
        : null;

    /// <summary>True when the traffic status shows a canary of <paramref name="canary"/>% on the latest revision and the rest on the previous one.</summary>
    public static bool IsCanarySplit(InferenceServiceState state, int canary, int previous) =>
        state.Traffic.Count == 2
        && state.Traffic.Select(t => t.RevisionName).Distinct().Count() == 2
        && state.Traffic.Any(t => t.LatestRevision && t.Percent == canary)
        && state.Traffic.Any(t => !t.LatestRevision && t.Percent == previous);
}
