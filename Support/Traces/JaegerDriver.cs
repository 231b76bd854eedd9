using System.Net;
using System.Security.Cryptography;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Traces;

/// <summary>
/// Jaeger's query API (v1 JSON, as the UI uses it). The base URL carries any base path, e.g.
/// http://127.0.0.1:30686/jaeger when Jaeger runs with QUERY_BASE_PATH=/jaeger.
/// </summary>
public sealed class JaegerDriver
{
    private readonly ObservabilityHttp http;
    private readonly WaitBudgets budgets;
    private readonly TimeSpan pollInterval;

    public JaegerDriver(RunContext run, HttpClient? http = null)
        : this(run.Settings.JaegerUrl, run.Budgets, http ?? new HttpClient()) { }

    public JaegerDriver(Uri baseUrl, WaitBudgets budgets, HttpClient http, TimeSpan? pollInterval = null)
    {
        this.http = new ObservabilityHttp(http, baseUrl, budgets.ObservabilityAttempt);
        this.budgets = budgets;
        this.pollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>A fresh W3C trace context: version 00, random 128-bit trace id, random parent id, sampled.</summary>
    public static (string TraceId, string TraceParent) NewTraceParent()
    {
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (traceId, $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
    }

    /// <summary>The trace, or null when Jaeger answers 404 or empty data (not indexed yet, or never sampled).</summary>
    public async Task<JaegerTrace?> GetTraceAsync(string traceId, CancellationToken ct = default)
    {
        var answer = await http.GetAsync("api/traces/" + Uri.EscapeDataString(traceId), ct);
        if (answer.Status == HttpStatusCode.NotFound) return null;
        if (!answer.IsSuccess)
            throw new HttpRequestException($"Jaeger {answer.Url} answered {(int)answer.Status}: {answer.Truncated}", null, answer.Status);
        return JaegerTrace.Parse(answer.Body);
    }

    /// <summary>
    /// Polls until the trace exists and <paramref name="complete"/> holds (spans of one trace arrive from several
    /// proxies at different times), within the "trace-indexed" budget.
    /// </summary>
    public Task<JaegerTrace> WaitForTraceAsync(string traceId, string expectation, Func<JaegerTrace, bool> complete,
        CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.TraceIndexed, $"trace {traceId} in Jaeger at {http.BaseUrl} with {expectation}",
            pollInterval, async token =>
            {
                var trace = await GetTraceAsync(traceId, token);
                return trace is not null && complete(trace)
                    ? WaitVerdict<JaegerTrace>.Reached(trace)
                    : WaitVerdict<JaegerTrace>.NotYet(trace?.ToString() ?? "trace not found (404 or empty data)");
            }, ct);
}
