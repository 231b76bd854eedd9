using System.Globalization;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Metrics;

/// <summary>
/// Prometheus' HTTP API (GET /api/v1/query): instant queries, and waiting until a counter has risen by a
/// given amount since a baseline. Specs compare deltas only, never absolute values, because counters
/// carry every earlier run's traffic. Every query, and a summary of what Prometheus answered, goes to the scenario's
/// timeline, so a failed scenario's diagnostics show what was asked and seen.
/// </summary>
public sealed class PrometheusDriver
{
    private readonly ObservabilityHttp http;
    private readonly WaitBudgets budgets;
    private readonly TimeSpan pollInterval;
    private readonly ScenarioTimeline timeline;

    public const string TimelineName = "prometheus";
    private const int MaxSeriesShown = 5;

    public PrometheusDriver(RunContext run, ScenarioTimeline timeline, HttpClient? http = null)
        : this(run.Settings.PrometheusUrl, run.Budgets, http ?? new HttpClient(), timeline) { }

    public PrometheusDriver(Uri baseUrl, WaitBudgets budgets, HttpClient http, ScenarioTimeline timeline, TimeSpan? pollInterval = null)
    {
        this.http = new ObservabilityHttp(http, baseUrl, budgets.ObservabilityAttempt);
        this.budgets = budgets;
        this.timeline = timeline;
        this.pollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
    }

    public async Task<PrometheusResult> QueryAsync(string promql, CancellationToken ct = default)
    {
        var answer = await http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), ct);
        // Prometheus answers query errors with 400/422/503 and the same JSON envelope; Parse reports them.
        if (!answer.IsSuccess && !answer.Body.TrimStart().StartsWith('{'))
        {
            timeline.Record(TimelineName, $"`{promql}` -> HTTP {(int)answer.Status}: {answer.Truncated}");
            throw new PrometheusQueryException(promql, $"HTTP {(int)answer.Status} from {answer.Url}: {answer.Truncated}");
        }
        try
        {
            var result = PrometheusResult.Parse(promql, answer.Body);
            timeline.Record(TimelineName, $"`{promql}` -> {Summary(result)}");
            return result;
        }
        catch (PrometheusQueryException e)
        {
            timeline.Record(TimelineName, $"`{promql}` -> HTTP {(int)answer.Status}: {e.Message}");
            throw;
        }
    }

    /// <summary>The result type, the number of series, their sum and the first few samples with their labels.</summary>
    private static string Summary(PrometheusResult result)
    {
        var shown = string.Join("; ", result.Samples.Take(MaxSeriesShown).Select(s => s.ToString()));
        var more = result.Samples.Count > MaxSeriesShown ? $"; …{result.Samples.Count - MaxSeriesShown} more" : "";
        return $"{result.ResultType}, {result.Samples.Count} series, sum {Format(result.Sum)}" + (shown.Length > 0 ? $": {shown}{more}" : "");
    }

    /// <summary>The query's value summed over its series (0 when no series exists yet).</summary>
    public async Task<double> SumAsync(string promql, CancellationToken ct = default) => (await QueryAsync(promql, ct)).Sum;

    /// <summary>
    /// Polls until the summed value has risen by at least <paramref name="atLeast"/> above <paramref name="baseline"/>,
    /// within the "scrape-delta" budget; returns the delta seen. On timeout the error names the query and the last value.
    /// </summary>
    public Task<double> WaitForIncreaseAsync(string promql, double baseline, double atLeast, CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.ScrapeDelta,
            $"PromQL `{promql}` to rise by at least {Format(atLeast)} above {Format(baseline)}", pollInterval,
            async token =>
            {
                var value = await SumAsync(promql, token);
                return value - baseline >= atLeast
                    ? WaitVerdict<double>.Reached(value - baseline)
                    : WaitVerdict<double>.NotYet($"value {Format(value)} (delta {Format(value - baseline)} from baseline {Format(baseline)})");
            }, ct);

    /// <summary>Prometheus' clock now (the evaluation time of <c>time()</c>), in unix seconds.</summary>
    public async Task<double> ServerTimeAsync(CancellationToken ct = default) =>
        (await QueryAsync("time()", ct)).Samples.Single().Value;

    /// <summary>
    /// Notes the selectors' counters: waits (within "scrape-delta") until every existing series has a sample taken after
    /// this call began, so nothing sent before it can show up as a rise later (<see cref="CounterBaseline"/>).
    /// </summary>
    public async Task<CounterBaseline> NoteBaselineAsync(IReadOnlyList<string> selectors, CancellationToken ct = default)
    {
        var started = await ServerTimeAsync(ct);
        var query = CounterRise.OldestLatestSample(selectors);
        return await Poll.UntilAsync(budgets, WaitBudgets.Names.ScrapeDelta, $"a scrape after {Format(started)} of every series of `{query}`",
            pollInterval, async token =>
            {
                var result = await QueryAsync(query, token);
                if (result.Samples.Count == 0)
                    return WaitVerdict<CounterBaseline>.Reached(new CounterBaseline(selectors, await ServerTimeAsync(token), started));
                var oldest = result.Samples[0];
                return oldest.Value > started
                    ? WaitVerdict<CounterBaseline>.Reached(new CounterBaseline(selectors, oldest.Timestamp.ToUnixTimeMilliseconds() / 1000.0, oldest.Value))
                    : WaitVerdict<CounterBaseline>.NotYet($"the oldest series was last scraped at {Format(oldest.Value)}");
            }, ct);
    }

    /// <summary>The counters' rise since the baseline now, optionally by labels (<see cref="CounterRise"/>).</summary>
    public async Task<PrometheusResult> RiseAsync(CounterBaseline baseline, string? by = null, CancellationToken ct = default) =>
        await QueryAsync(CounterRise.Query(baseline, await ServerTimeAsync(ct), by), ct);

    /// <summary>Polls until the summed rise since the baseline is at least <paramref name="atLeast"/>; returns the rise.</summary>
    public Task<double> WaitForRiseAsync(CounterBaseline baseline, double atLeast, CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.ScrapeDelta,
            $"the counters of {string.Join(" or ", baseline.Selectors)} to rise by at least {Format(atLeast)} since their {baseline}", pollInterval,
            async token =>
            {
                var rise = (await RiseAsync(baseline, null, token)).Sum;
                return rise >= atLeast ? WaitVerdict<double>.Reached(rise) : WaitVerdict<double>.NotYet($"a rise of {Format(rise)}");
            }, ct);

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
