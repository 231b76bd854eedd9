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

    public static string GraphQuery(IEnumerable<string> namespaces, TimeSpan duration, string graphType = "workload") =>
        $"api/namespaces/graph?namespaces={Uri.EscapeDataString(string.Join(',', namespaces))}" +
        $"&graphType={graphType}&duration={(int)duration.TotalSeconds}s&injectServiceNodes=true";

    public async Task<KialiGraph> NamespaceGraphAsync(IEnumerable<string> namespaces, TimeSpan duration, CancellationToken ct = default)
    {
        var answer = await http.GetAsync(GraphQuery(namespaces, duration), ct);
        if (!answer.IsSuccess)
            throw new HttpRequestException($"Kiali {answer.Url} answered {(int)answer.Status}: {answer.Truncated}", null, answer.Status);
        return KialiGraph.Parse(answer.Body);
    }

    /// <summary>
    /// Polls the graph until traffic from a gateway reaches the tenant's model, within the "scrape-delta" budget:
    /// Kiali draws from Prometheus, so fresh traffic shows only after a scrape.
    /// </summary>
    public Task<KialiGraph> WaitForGatewayToModelAsync(string tenant, string model, CancellationToken ct = default) =>
        Poll.UntilAsync(budgets, WaitBudgets.Names.ScrapeDelta, $"Kiali graph of {tenant} to show traffic from a gateway to {model}",
            pollInterval, async token =>
            {
                var graph = await NamespaceGraphAsync([tenant], TimeSpan.FromMinutes(10), token);
                return graph.HasPath(n => n.IsGateway, n => IsModel(n, tenant, model))
                    ? PollResult<KialiGraph>.Reached(graph)
                    : PollResult<KialiGraph>.NotYet(graph.ToString());
            }, ct);

    public static bool IsModel(KialiNode node, string tenant, string model) =>
        node.Namespace == tenant && (node.Workload ?? node.App ?? node.Service ?? "").StartsWith(model + "-predictor", StringComparison.Ordinal);
}
