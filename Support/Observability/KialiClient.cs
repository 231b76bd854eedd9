using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>
/// Kiali's namespace graph API. Kiali serves under its web root (default /kiali); a base URL that does not end
/// with it gets it appended.
/// </summary>
public sealed class KialiClient
{
    private readonly ObservabilityHttp http;
    private readonly WaitBudgets budgets;
    private readonly TimeSpan pollInterval;

    public KialiClient(RunContext run, HttpClient? http = null)
        : this(run.Settings.KialiUrl, http ?? new HttpClient(), run.Budgets) { }

    public KialiClient(Uri baseUrl, HttpClient http, WaitBudgets budgets, string webRoot = "/kiali", TimeSpan? pollInterval = null)
    {
        this.budgets = budgets;
        this.pollInterval = pollInterval ?? TimeSpan.FromSeconds(3);
        var url = baseUrl.AbsolutePath.TrimEnd('/').EndsWith(webRoot, StringComparison.Ordinal)
            ? baseUrl : new Uri(baseUrl, webRoot.TrimEnd('/') + "/");
        this.http = new ObservabilityHttp(http, url);
    }

    /// <summary>
    /// The workload graph of <paramref name="namespaces"/> over the last <paramref name="duration"/> (whole seconds, at
    /// least one). No service nodes: an edge then goes from the calling workload to the called one
    /// (kiali/kiali@v2.11.0 graph/options.go: injectServiceNodes, duration, queryTime default now).
    /// </summary>
    public static string GraphQuery(IEnumerable<string> namespaces, TimeSpan duration, string graphType = "workload") =>
        $"api/namespaces/graph?namespaces={Uri.EscapeDataString(string.Join(',', namespaces))}" +
        $"&graphType={graphType}&duration={Math.Max(1, (long)Math.Ceiling(duration.TotalSeconds))}s&injectServiceNodes=false";

    public async Task<KialiGraph> NamespaceGraphAsync(IEnumerable<string> namespaces, TimeSpan duration, CancellationToken ct = default)
    {
        var answer = await http.GetAsync(GraphQuery(namespaces, duration), ct);
        if (!answer.IsSuccess)
            throw new HttpRequestException($"Kiali {answer.Url} answered {(int)answer.Status}: {answer.Truncated}", null, answer.Status);
        return KialiGraph.Parse(answer.Body);
    }

    /// <summary>
    /// Polls the graph of the scenario's own window (<paramref name="window"/> is asked anew at every look, as the window
    /// grows) until an edge from a gateway-path workload into the tenant's predictor workload carries 2xx traffic,
    /// within the "scrape-delta" budget: Kiali draws from Prometheus, so fresh traffic shows only after a scrape.
    /// </summary>
    public Task<KialiEdge> WaitForGatewayPathEdgeAsync(string tenant, string model, Func<TimeSpan> window, CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.ScrapeDelta,
            $"Kiali graph of {tenant} to show 2xx traffic from the gateway path into {model}'s predictor workload", pollInterval,
            async token =>
            {
                var duration = window();
                var graph = await NamespaceGraphAsync([tenant], duration, token);
                return GatewayPathEdgeInto(graph, tenant, model) is { } edge
                    ? PollResult<KialiEdge>.Reached(edge)
                    : PollResult<KialiEdge>.NotYet($"window {duration.TotalSeconds:0} s: {graph}");
            }, ct);

    /// <summary>
    /// The edge, if any, from a gateway-path workload (<see cref="GatewayPathSources"/>) into the tenant's predictor
    /// WORKLOAD (not its Service node) with a 2xx rate above zero.
    /// </summary>
    public static KialiEdge? GatewayPathEdgeInto(KialiGraph graph, string tenant, string model) =>
        graph.Edges.FirstOrDefault(e =>
            graph.Node(e.Target) is { } target && IsPredictorWorkload(target, tenant, model)
            && graph.Node(e.Source) is { NodeType: "workload" } source
            && GatewayPathSources.All.Any(s => s.Namespace == source.Namespace && s.Workload == source.Workload)
            && e.Rate2xx > 0);

    public static bool IsPredictorWorkload(KialiNode node, string tenant, string model) =>
        node is { NodeType: "workload" } && node.Namespace == tenant && (node.Workload ?? "").StartsWith(model + "-predictor-", StringComparison.Ordinal);
}
