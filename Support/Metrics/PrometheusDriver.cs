using System.Globalization;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Metrics;

/// <summary>A PromQL query and what Prometheus answered, kept for the failure diagnostics.</summary>
public sealed record PromQueryRecord(DateTimeOffset At, string Query, string Answer);

/// <summary>
/// Prometheus' HTTP API (GET /api/v1/query): instant queries, and waiting until a counter has risen by a
/// given amount since a baseline. Specs compare deltas only, never absolute values, because counters
/// carry every earlier run's traffic.
/// </summary>
public sealed class PrometheusDriver
{
    private readonly ObservabilityHttp http;
    private readonly WaitBudgets budgets;
    private readonly TimeSpan pollInterval;
    private readonly List<PromQueryRecord> history = [];

    public PrometheusDriver(RunContext run, HttpClient? http = null)
        : this(run.Settings.PrometheusUrl, run.Budgets, http ?? new HttpClient()) { }

    public PrometheusDriver(Uri baseUrl, WaitBudgets budgets, HttpClient http, TimeSpan? pollInterval = null)
    {
        this.http = new ObservabilityHttp(http, baseUrl);
        this.budgets = budgets;
        this.pollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
    }

    public IReadOnlyList<PromQueryRecord> History { get { lock (history) return history.ToArray(); } }

    public async Task<PrometheusResult> QueryAsync(string promql, CancellationToken ct = default)
    {
        var answer = await http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql), ct);
        lock (history) history.Add(new PromQueryRecord(DateTimeOffset.UtcNow, promql, $"{(int)answer.Status} {answer.Truncated}"));
        // Prometheus answers query errors with 400/422/503 and the same JSON envelope; Parse reports them.
        if (!answer.IsSuccess && !answer.Body.TrimStart().StartsWith('{'))
            throw new PrometheusQueryException(promql, $"HTTP {(int)answer.Status} from {answer.Url}: {answer.Truncated}");
        return PrometheusResult.Parse(promql, answer.Body);
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
                    ? PollResult<double>.Reached(value - baseline)
                    : PollResult<double>.NotYet($"value {Format(value)} (delta {Format(value - baseline)} from baseline {Format(baseline)})");
            }, ct);

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
