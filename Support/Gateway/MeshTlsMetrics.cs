using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>One source of requests to a workload, and how Istio says those connections were secured.</summary>
public sealed record MeshTraffic(string Source, string ConnectionSecurityPolicy, double Requests);

/// <summary>Reads istio_requests_total through the Prometheus driver to learn how traffic reaching a predictor was secured.</summary>
public sealed class MeshTlsMetrics(RunContext run, ScenarioTimeline timeline)
{
    private readonly PrometheusDriver _prometheus = new(run);

    /// <summary>
    /// PromQL for the gateway-path requests a model's predictor pods received lately, by source and TLS mode. Only the
    /// gateway path's sources (<see cref="GatewayPathSources"/>): the Knative autoscaler also reaches the pod over mTLS
    /// from knative-serving, once a second, and would make any platform look as if its gateway traffic were mutual TLS.
    /// </summary>
    public static string Query(string tenant, string model) =>
        "sum by (source_workload, source_workload_namespace, connection_security_policy) (" +
        string.Join(" or ", GatewayPathSources.Selectors(
            $"reporter=\"destination\",destination_workload_namespace=\"{tenant}\",destination_workload=~\"{model}-predictor-.*\"", "10m")
            .Select(s => $"increase({s})")) + ") > 0";

    /// <summary>
    /// Waits (polling within the scrape budget: metrics arrive on Prometheus' scrape interval) until the predictor's
    /// received traffic shows up, and returns it by source.
    /// </summary>
    public Task<IReadOnlyList<MeshTraffic>> TrafficToAsync(string tenant, string model, CancellationToken ct = default)
    {
        var query = Query(tenant, model);
        timeline.Record("prometheus", query);
        return Poll.UntilAsync(run.Budgets, WaitBudgets.Names.ScrapeDelta,
            $"Prometheus to show requests received by {tenant}/{model}'s predictor", TimeSpan.FromSeconds(5), async token =>
            {
                var result = await _prometheus.QueryAsync(query, token);
                timeline.Record("prometheus", $"result: {string.Join("; ", result.Samples)}");
                var traffic = From(result);
                return traffic.Count > 0
                    ? PollResult<IReadOnlyList<MeshTraffic>>.Reached(traffic)
                    : PollResult<IReadOnlyList<MeshTraffic>>.NotYet("an empty result (no requests recorded yet)");
            }, ct);
    }

    public static IReadOnlyList<MeshTraffic> From(PrometheusResult result) => result.Samples.Select(sample =>
    {
        string Label(string name) => sample.Labels.TryGetValue(name, out var value) ? value : "";
        return new MeshTraffic($"{Label("source_workload_namespace")}/{Label("source_workload")}", Label("connection_security_policy"), sample.Value);
    }).ToList();
}
