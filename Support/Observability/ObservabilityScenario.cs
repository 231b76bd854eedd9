using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Traces;
using InferenceBox.Platform.Waiting;
using k8s;
using InferenceBox.Platform.Gateway;
using InferenceBox.Platform.Observability;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>
/// What the observability scenario does and remembers: the counters' baseline, the probes it sent, the trace it
/// started. Created per scenario by context injection; builds its API clients from the run settings.
/// Counters are noted after one warm-up probe has been answered and scraped, so the scenario's requests land on a
/// running pod whose series already exist, and every rise is measured series by series since that baseline
/// (<see cref="CounterRise"/>): a terminating pod's series cannot make a sum fall, and no trickle of our own 200s is
/// needed (nor allowed: it would count towards the very rise the scenario asserts).
/// </summary>
public sealed class ObservabilityScenario(RunContext run, IKubernetes k8s, ModelProber prober, ModelCatalog catalog, ScenarioTimeline timeline)
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan }; // each attempt: the scaled observability-attempt budget
    private CounterBaseline? baseline;

    public PrometheusDriver Prometheus { get; } = new(run, timeline, Http);
    public JaegerDriver Jaeger { get; } = new(run, Http);
    public KialiClient Kiali { get; } = new(run, Http, KialiLogin.ReadOnlyAccount(k8s));
    public List<ProbeAnswer> WithToken { get; } = [];
    public List<ProbeAnswer> WithoutToken { get; } = [];
    public string? TraceId { get; private set; }
    public string? ClientSpanId { get; private set; }
    public ProbeAnswer? Traced { get; private set; }

    public async Task NoteCountersAsync(string tenant, string model, CancellationToken ct = default)
    {
        var warm = await prober.ProbeAsync(ModelVersions.Of(catalog, tenant, model), ct: ct);
        if (warm.Exchange.StatusCode != 200)
            throw new InvalidOperationException($"{tenant}/{model} could not be warmed before noting its counters: {warm}");
        baseline = await Prometheus.NoteBaselineAsync(
            [.. TenantMetricQueries.AnsweredSelectors(tenant, model, 200), .. TenantMetricQueries.GatewayAnswersOfClass(4)], ct);
    }

    public async Task SendAsync(string tenant, string model, int count, bool withToken, CancellationToken ct = default) =>
        (withToken ? WithToken : WithoutToken).AddRange(await prober.ProbeManyAsync(ModelVersions.Of(catalog, tenant, model), count, withToken, ct));

    /// <summary>
    /// Waits until the series of <paramref name="selectors"/> have risen by at least <paramref name="atLeast"/> since the
    /// baseline; the verdict holds the rise, or the last rise seen.
    /// </summary>
    public Task<WaitOutcome<double>> RiseAsync(IReadOnlyList<string> selectors, int atLeast, CancellationToken ct = default) =>
        WaitOutcome.Of(Prometheus.WaitForRiseAsync(Baseline with { Selectors = selectors }, atLeast, ct));

    /// <summary>The scenario's own window: from the oldest baseline sample to now.</summary>
    public Task<WaitOutcome<KialiEdge>> KialiEdgeAsync(string tenant, string model, CancellationToken ct = default)
    {
        var since = DateTimeOffset.FromUnixTimeMilliseconds((long)(Baseline.OldestSample * 1000));
        return WaitOutcome.Of(Kiali.WaitForGatewayPathEdgeAsync(tenant, model, () => DateTimeOffset.UtcNow - since + TimeSpan.FromSeconds(1), ct));
    }

    /// <summary>Sends the traced probe; its answer is kept (<see cref="Traced"/>) for the Then step to judge.</summary>
    public async Task SendTracedAsync(string tenant, string model, CancellationToken ct = default)
    {
        var (traceId, traceParent) = JaegerDriver.NewTraceParent();
        (TraceId, ClientSpanId) = (traceId, TraceExpectations.ParentIdOf(traceParent));
        Traced = await prober.ProbeAsync(ModelVersions.Of(catalog, tenant, model),
            new Dictionary<string, string> { ["traceparent"] = traceParent }, ct: ct);
    }

    /// <summary>The traced request's trace through the gateway, as a verdict: found, or what Jaeger last showed.</summary>
    public Task<WaitOutcome<JaegerTrace>> TraceAsync(string tenant, string model, CancellationToken ct = default)
    {
        var (traceId, client) = (TraceId, ClientSpanId) is ({ } t, { } c) ? (t, c)
            : throw new InvalidOperationException("No traced request was sent in this scenario.");
        return WaitOutcome.Of(Jaeger.WaitForTraceAsync(traceId, $"the span of {ModelGateway.TracingServiceName} as the child of the client's span {client}, " +
                                                 $"with Istio's ingress gateway and {model}'s predictor in {tenant} below it",
            t => TraceExpectations.SameTraceId(t.TraceId, traceId) && TraceExpectations.WhyNotThroughTheGateway(t, client, tenant, model) is null, ct));
    }

    private CounterBaseline Baseline => baseline ?? throw new InvalidOperationException("The counters were not noted: note them before sending requests.");

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
