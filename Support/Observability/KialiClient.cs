using System.Net;
using InferenceBox.Specs.Support.Metrics;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>What Kiali says of itself to a logged-in caller (GET api/config, kiali/kiali@v2.11.0 handlers/config.go PublicConfig).</summary>
public sealed record KialiConfig(string AuthStrategy, bool ViewOnlyMode);

/// <summary>
/// Kiali's namespace graph API. Kiali serves under its web root (default /kiali); a base URL that does not end
/// with it gets it appended. With a <see cref="KialiLogin"/>, every call runs in a session: POST api/authenticate with
/// the form field "token" answers 200 and Set-Cookie kiali-token-&lt;cluster&gt; (HttpOnly, Path the web root), and later
/// calls carry that cookie, never the token (kiali/kiali@v2.11.0 handlers/authentication/token_auth_controller.go
/// Authenticate, session_persistor.go CreateSession, routing/routes.go). Without a session Kiali answers 401
/// "Unauthorized" (handlers/authentication.go AuthenticationHandler.Handle).
/// </summary>
public sealed class KialiClient
{
    private readonly ObservabilityHttp http;
    private readonly WaitBudgets budgets;
    private readonly TimeSpan pollInterval;
    private readonly KialiLogin? login;
    private string? sessionCookie;

    public KialiClient(RunContext run, HttpClient? http = null, KialiLogin? login = null)
        : this(run.Settings.KialiUrl, http ?? new HttpClient(), run.Budgets, login: login) { }

    public KialiClient(Uri baseUrl, HttpClient http, WaitBudgets budgets, string webRoot = "/kiali", TimeSpan? pollInterval = null,
        KialiLogin? login = null)
    {
        this.budgets = budgets;
        this.pollInterval = pollInterval ?? TimeSpan.FromSeconds(3);
        this.login = login;
        var url = baseUrl.AbsolutePath.TrimEnd('/').EndsWith(webRoot, StringComparison.Ordinal)
            ? baseUrl : new Uri(baseUrl, webRoot.TrimEnd('/') + "/");
        this.http = new ObservabilityHttp(http, url, budgets.ObservabilityAttempt);
    }

    /// <summary>A call with no session at all, as anyone reaching Kiali would make it.</summary>
    public Task<ApiAnswer> AnonymousGetAsync(string relativePath, CancellationToken ct = default) => http.GetAsync(relativePath, ct);

    /// <summary>Kiali's login strategy and view-only mode, as it tells a logged-in caller.</summary>
    public async Task<KialiConfig> ConfigAsync(CancellationToken ct = default)
    {
        var answer = await GetAsync("api/config", ct);
        using var json = answer.Json("Kiali's config");
        var root = json.RootElement;
        return new KialiConfig(
            root.TryGetProperty("authStrategy", out var strategy) ? strategy.GetString() ?? "" : "",
            root.TryGetProperty("deployment", out var deployment) && deployment.TryGetProperty("viewOnlyMode", out var viewOnly) && viewOnly.GetBoolean());
    }

    /// <summary>
    /// A GET in the session (logging in first, and once more if Kiali no longer knows the session); without a login, an
    /// anonymous GET. Any answer but 2xx is an error naming the URL, the status and the body.
    /// </summary>
    private async Task<ApiAnswer> GetAsync(string relativePath, CancellationToken ct)
    {
        var answer = await GetInSessionAsync(relativePath, ct);
        if (answer.Status == HttpStatusCode.Unauthorized && login is not null)
        {
            sessionCookie = null;
            answer = await GetInSessionAsync(relativePath, ct);
        }
        return answer.IsSuccess ? answer
            : throw new HttpRequestException($"Kiali {answer.Url} answered {(int)answer.Status}: {answer.Truncated}", null, answer.Status);
    }

    private async Task<ApiAnswer> GetInSessionAsync(string relativePath, CancellationToken ct)
    {
        if (login is null) return await http.GetAsync(relativePath, ct);
        sessionCookie ??= await LogInAsync(login, ct);
        return await http.GetAsync(relativePath, ct, new Dictionary<string, string> { ["Cookie"] = sessionCookie });
    }

    private async Task<string> LogInAsync(KialiLogin account, CancellationToken ct)
    {
        var token = await account.TokenAsync(ct);
        var (answer, setCookies) = await http.PostFormAsync("api/authenticate", new Dictionary<string, string> { ["token"] = token }, ct);
        if (!answer.IsSuccess)
            throw new HttpRequestException($"Kiali refused the login of {account.Account}: {answer.Url} answered {(int)answer.Status}: {answer.Truncated}. " +
                                           "Is manifests/platform/observability/kiali-reader.yaml applied, and values/kiali.yaml's auth.strategy token?",
                null, answer.Status);
        var jar = new CookieContainer();
        foreach (var cookie in setCookies) jar.SetCookies(answer.Url, cookie);
        var header = jar.GetCookieHeader(http.Resolve("api/"));
        return header.Length > 0 ? header
            : throw new InvalidDataException($"Kiali accepted the login of {account.Account} but set no session cookie for {http.Resolve("api/")}.");
    }

    /// <summary>
    /// The workload graph of <paramref name="namespaces"/> over the last <paramref name="duration"/> (whole seconds, at
    /// least one). No service nodes: an edge then goes from the calling workload to the called one
    /// (kiali/kiali@v2.11.0 graph/options.go: injectServiceNodes, duration, queryTime default now).
    /// </summary>
    public static string GraphQuery(IEnumerable<string> namespaces, TimeSpan duration, string graphType = "workload") =>
        $"api/namespaces/graph?namespaces={Uri.EscapeDataString(string.Join(',', namespaces))}" +
        $"&graphType={graphType}&duration={Math.Max(1, (long)Math.Ceiling(duration.TotalSeconds))}s&injectServiceNodes=false";

    public async Task<KialiGraph> NamespaceGraphAsync(IEnumerable<string> namespaces, TimeSpan duration, CancellationToken ct = default) =>
        KialiGraph.Parse((await GetAsync(GraphQuery(namespaces, duration), ct)).Body);

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
                    ? WaitVerdict<KialiEdge>.Reached(edge)
                    : WaitVerdict<KialiEdge>.NotYet($"window {duration.TotalSeconds:0} s: {graph}");
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
