using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Traces;
using k8s;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>
/// What the observability scenario does and remembers: counter baselines, the probes it sent, the trace id it
/// chose. Created per scenario by context injection; builds its API clients from the run settings.
/// </summary>
public sealed class ObservabilityScenario(RunContext run, IKubernetes k8s, ModelProber prober)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<string, double> baselines = [];

    public PrometheusDriver Prometheus { get; } = new(run, Http);
    public JaegerDriver Jaeger { get; } = new(run, Http);
    public KialiClient Kiali { get; } = new(run, Http);
    public List<ProbeAnswer> WithToken { get; } = [];
    public List<ProbeAnswer> WithoutToken { get; } = [];
    public string? TraceId { get; private set; }

    public async Task NoteCountersAsync(string tenant, string model, CancellationToken ct = default)
    {
        foreach (var query in new[] { TenantMetricQueries.Answered(tenant, model, 200), TenantMetricQueries.GatewayAnswersOfClass(4) })
            baselines[query] = await Prometheus.SumAsync(query, ct);
    }

    public async Task SendAsync(string tenant, string model, int count, bool withToken, CancellationToken ct = default) =>
        (withToken ? WithToken : WithoutToken).AddRange(await prober.ProbeManyAsync(ModelVersions.Load(tenant, model), count, withToken, ct));

    /// <summary>Waits for the counter to rise by at least <paramref name="atLeast"/> above its noted baseline; returns the rise.</summary>
    public Task<double> RiseAsync(string query, int atLeast, CancellationToken ct = default) =>
        baselines.TryGetValue(query, out var baseline)
            ? Prometheus.WaitForIncreaseAsync(query, baseline, atLeast, ct)
            : throw new InvalidOperationException($"No baseline noted for `{query}`: note the counters before sending requests.");

    public async Task<ProbeAnswer> SendTracedAsync(string tenant, string model, CancellationToken ct = default)
    {
        var (traceId, traceParent) = JaegerDriver.NewTraceParent();
        TraceId = traceId;
        return await prober.ProbeAsync(ModelVersions.Load(tenant, model),
            new Dictionary<string, string> { ["traceparent"] = traceParent }, ct: ct);
    }

    public Task<JaegerTrace> FindTraceAsync(string tenant, string model, CancellationToken ct = default) =>
        Jaeger.WaitForTraceAsync(TraceId ?? throw new InvalidOperationException("No traced request was sent in this scenario."),
            $"spans from a gateway and from {model}'s predictor in {tenant}",
            t => TraceExpectations.SameTraceId(t.TraceId, TraceId) && TraceExpectations.HasGatewayAndPredictor(t, tenant, model), ct);

    public async Task<GrafanaClient> GrafanaAsync(CancellationToken ct = default) =>
        new(run, Http, await GrafanaCredentials.FromClusterAsync(k8s, ct));

    /// <summary>Each shipped dashboard (uid, title) and what Grafana has under that uid (null: missing).</summary>
    public async Task<IReadOnlyList<(string Uid, string Title, GrafanaDashboard? Found)>> DashboardsAsync(CancellationToken ct = default)
    {
        var grafana = await GrafanaAsync(ct);
        var found = new List<(string, string, GrafanaDashboard?)>();
        foreach (var (uid, title, _) in RepoDashboards.Load())
            found.Add((uid, title, await grafana.DashboardAsync(uid, ct)));
        return found;
    }

    /// <summary>Health of every Prometheus datasource Grafana has (none is a failure the step reports).</summary>
    public async Task<IReadOnlyList<(GrafanaDatasource Datasource, GrafanaHealth Health)>> PrometheusDatasourcesAsync(CancellationToken ct = default)
    {
        var grafana = await GrafanaAsync(ct);
        var result = new List<(GrafanaDatasource, GrafanaHealth)>();
        foreach (var ds in (await grafana.DatasourcesAsync(ct)).Where(d => d.Type == "prometheus"))
            result.Add((ds, await grafana.DatasourceHealthAsync(ds.Uid, ct)));
        return result;
    }
}
