using System.Globalization;
using System.Text.Json;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>One source of requests to a workload, and how Istio says those connections were secured.</summary>
public sealed record MeshTraffic(string Source, string ConnectionSecurityPolicy, double Requests);

/// <summary>
/// Reads istio_requests_total from Prometheus (GET /api/v1/query) to learn how traffic reaching a predictor was
/// secured. A deliberately minimal PromQL client for this one question.
/// </summary>
public sealed class MeshTlsMetrics(RunContext run, ScenarioTimeline timeline)
{
    // Each query is bounded by the scrape budget's token, so the client itself needs no timeout.
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Where gateway traffic enters the predictor from: Istio's knative-local-gateway (istio-system) and, while the
    /// revision scales from zero, Knative's activator (knative-serving). Prometheus' own plaintext scrapes of the
    /// queue-proxy metrics port (PERMISSIVE by design) come from elsewhere and are not gateway traffic.
    /// </summary>
    public const string GatewayPathNamespaces = "istio-system|knative-serving";

    /// <summary>PromQL for the gateway-path requests a model's predictor pods received lately, by source and TLS mode.</summary>
    public static string Query(string tenant, string model) =>
        "sum by (source_workload, source_workload_namespace, connection_security_policy) (increase(istio_requests_total{" +
        $"reporter=\"destination\",destination_workload_namespace=\"{tenant}\",destination_workload=~\"{model}-predictor-.*\"," +
        $"source_workload_namespace=~\"{GatewayPathNamespaces}\"}}[10m])) > 0";

    /// <summary>
    /// Waits (polling within the scrape budget: metrics arrive on Prometheus' scrape interval) until the predictor's
    /// received traffic shows up, and returns it by source.
    /// </summary>
    public async Task<IReadOnlyList<MeshTraffic>> TrafficToAsync(string tenant, string model, CancellationToken ct = default)
    {
        var query = Query(tenant, model);
        timeline.Record("prometheus", query);
        var budget = run.Budgets[WaitBudgets.Names.ScrapeDelta];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(budget);
        using var poll = new PeriodicTimer(TimeSpan.FromSeconds(5));
        var lastSeen = "no answer yet";
        try
        {
            do
            {
                var url = new Uri(run.Settings.PrometheusUrl, "/api/v1/query?query=" + Uri.EscapeDataString(query));
                var body = await Http.GetStringAsync(url, deadline.Token);
                timeline.Record("prometheus", $"result: {body}");
                var traffic = Parse(body);
                if (traffic.Count > 0) return traffic;
                lastSeen = "an empty result (no requests recorded yet)";
            } while (await poll.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        throw new WaitTimeoutException($"Prometheus to show requests received by {tenant}/{model}'s predictor", WaitBudgets.Names.ScrapeDelta,
            budget, lastSeen);
    }

    public static IReadOnlyList<MeshTraffic> Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new InvalidDataException($"Prometheus refused the query: {body}");
        return root.GetProperty("data").GetProperty("result").EnumerateArray().Select(series =>
        {
            var metric = series.GetProperty("metric");
            string Label(string name) => metric.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
            var value = double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            return new MeshTraffic($"{Label("source_workload_namespace")}/{Label("source_workload")}", Label("connection_security_policy"), value);
        }).ToList();
    }
}
