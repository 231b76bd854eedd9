using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Security;

/// <summary>How much one source's requests to a workload rose, under one TLS mode Istio reports for them.</summary>
public sealed record MeshTraffic(string Source, string ConnectionSecurityPolicy, double Requests);

/// <summary>
/// Reads istio_requests_total through the Prometheus driver to learn how the scenario's own requests reached a predictor:
/// the rise since a noted baseline, by gateway-path source and TLS mode. Under STRICT every request a sidecar records is
/// mTLS anyway, so a non-empty series proves nothing; the scenario's own request must raise the mutual_tls count, and no
/// other mode may rise (issue 17 item 6). Only the gateway path's sources (<see cref="GatewayPathSources"/>) are read:
/// the Knative autoscaler also reaches the pod over mTLS from knative-serving, once a second.
/// </summary>
public sealed class MeshTlsMetrics(RunContext run, ScenarioTimeline timeline)
{
    public const string MutualTls = "mutual_tls";
    private const string By = "source_workload_namespace, source_workload, connection_security_policy";
    private readonly PrometheusDriver _prometheus = new(run, timeline);
    private CounterBaseline? _baseline;

    public static IReadOnlyList<string> Selectors(string tenant, string model) => GatewayPathSources.Selectors(
        $"reporter=\"destination\",destination_workload_namespace=\"{tenant}\",destination_workload=~\"{model}-predictor-.*\"").ToList();

    public async Task NoteAsync(string tenant, string model, CancellationToken ct = default)
    {
        _baseline = await _prometheus.NoteBaselineAsync(Selectors(tenant, model), ct);
        timeline.Record("prometheus", $"istio requests to {tenant}/{model} noted: {_baseline}");
    }

    /// <summary>Waits (within "scrape-delta") until the mutual TLS count has risen by at least <paramref name="atLeast"/>; returns every rise.</summary>
    public Task<IReadOnlyList<MeshTraffic>> RisesAsync(int atLeast, CancellationToken ct = default)
    {
        var baseline = _baseline ?? throw new InvalidOperationException("Istio's counts were not noted: a Given step must note them before the request.");
        return Poll.UntilAsync(run.Budgets, WaitBudgets.Names.ScrapeDelta, $"Istio's mutual TLS count since the {baseline} to rise by {atLeast}",
            TimeSpan.FromSeconds(5), async token =>
            {
                var rises = From(await _prometheus.RiseAsync(baseline, By, token));
                timeline.Record("prometheus", $"rises: {string.Join("; ", rises)}");
                return rises.Where(r => r.ConnectionSecurityPolicy == MutualTls).Sum(r => r.Requests) >= atLeast
                    ? WaitVerdict<IReadOnlyList<MeshTraffic>>.Reached(rises)
                    : WaitVerdict<IReadOnlyList<MeshTraffic>>.NotYet($"rises so far: [{string.Join("; ", rises)}]");
            }, ct);
    }

    /// <summary>Null when the mutual TLS count rose by at least <paramref name="atLeast"/> and no other mode rose; otherwise why not.</summary>
    public static string? WhyNotMutualTls(IReadOnlyList<MeshTraffic> rises, int atLeast)
    {
        var mtls = rises.Where(r => r.ConnectionSecurityPolicy == MutualTls).Sum(r => r.Requests);
        var others = rises.Where(r => r.ConnectionSecurityPolicy != MutualTls && r.Requests > 0).ToList();
        if (others.Count > 0) return $"requests from the gateway path arrived without mutual TLS: {string.Join("; ", others)}";
        return mtls >= atLeast ? null : $"the mutual TLS count rose by {mtls}, less than the scenario's {atLeast} request(s)";
    }

    public static IReadOnlyList<MeshTraffic> From(PrometheusResult result) => result.Samples.Select(sample =>
    {
        string Label(string name) => sample.Labels.TryGetValue(name, out var value) ? value : "";
        return new MeshTraffic($"{Label("source_workload_namespace")}/{Label("source_workload")}", Label("connection_security_policy"), sample.Value);
    }).ToList();
}
