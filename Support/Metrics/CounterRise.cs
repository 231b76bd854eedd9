using System.Globalization;

namespace InferenceBox.Specs.Support.Metrics;

/// <summary>
/// The instant the counters of a scenario were noted: <see cref="At"/>, Prometheus' own evaluation time (so no clock of
/// ours is compared with its), once every series of the selectors had a sample taken after the noting began — so that
/// sample already holds everything sent before it; <see cref="OldestSample"/> is the oldest of those samples (the start
/// of the scenario's window for tools that take a duration, such as Kiali), or <see cref="At"/> when no series exists yet.
/// </summary>
public sealed record CounterBaseline(IReadOnlyList<string> Selectors, double At, double OldestSample)
{
    public override string ToString() => $"baseline at {At.ToString("0.###", CultureInfo.InvariantCulture)} (oldest sample {OldestSample.ToString("0.###", CultureInfo.InvariantCulture)})";
}

/// <summary>
/// PromQL for how much counters rose since a <see cref="CounterBaseline"/>, series by series: each series' last sample
/// since the baseline minus its value at the baseline (<c>@</c> modifier), and the whole count of a series born after it.
/// Why not <c>increase(…)</c> over the window: it only counts increments between two samples inside the range, so a
/// series whose first sample in the range came after some of the scenario's requests (a pod scraped a few seconds later
/// than another, or a pod born during the scenario) loses them, and it extrapolates to the window's edges. And why
/// <c>last_over_time</c>: the scale-to-zero feature before this one leaves a predictor pod terminating; its series ends,
/// and a raw sum over the live series falls (issue 17 item 8), while its last sample in the window still counts here.
/// A counter reset (a restarted container) is clamped to no rise: it can only make a check fail, never pass.
/// </summary>
public static class CounterRise
{
    public static string Query(CounterBaseline baseline, double now, string? by = null)
    {
        var at = Seconds(baseline.At);
        var window = $"{Math.Max(1, (long)Math.Ceiling(now - baseline.OldestSample) + 1)}s";
        var parts = baseline.Selectors.Select(s =>
            $"clamp_min(last_over_time({s}[{window}]) - {s} @ {at}, 0) or (last_over_time({s}[{window}]) unless {s} @ {at})");
        return $"sum{(by is null ? "" : $" by ({by})")}({string.Join(" or ", parts)})";
    }

    /// <summary>The oldest of the latest sample times of the selectors' series (empty when none exists).</summary>
    public static string OldestLatestSample(IEnumerable<string> selectors) =>
        "min(" + string.Join(" or ", selectors.Select(s => $"timestamp({s})")) + ")";

    private static string Seconds(double unix) => unix.ToString("0.000", CultureInfo.InvariantCulture);
}
