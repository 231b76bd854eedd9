namespace InferenceBox.Platform.Waiting;

/// <summary>
/// The one table of wait budgets. Every bounded wait in the suite takes its budget from here: code through a typed
/// property (WaitBudgets.Typed.cs, so a misspelt budget does not compile), data through the indexer (a readiness
/// requirement's BudgetName). <see cref="Scale"/> (INFERENCEBOX_TIMEOUT_SCALE) stretches all of them at once for slow
/// machines; poll intervals are not budgets and do not scale. The budgets carry
/// the clock they are measured by (<see cref="Clock"/>): the system's in a run, a fake one in a test, so a test of a
/// timeout moves time itself instead of racing the wall clock.
/// </summary>
public sealed partial class WaitBudgets(double scale = 1.0, TimeProvider? clock = null)
{
    private static readonly IReadOnlyDictionary<string, TimeSpan> Table = new Dictionary<string, TimeSpan>
    {
        [Names.DockerPing] = TimeSpan.FromSeconds(5),
        [Names.ClusterCreate] = TimeSpan.FromMinutes(4),
        [Names.HelmRelease] = TimeSpan.FromMinutes(6),
        [Names.CrdEstablished] = TimeSpan.FromMinutes(1),
        [Names.DeploymentAvailable] = TimeSpan.FromMinutes(5),
        [Names.WebhookEndpoints] = TimeSpan.FromMinutes(3),
        // cert-manager issues from its own CA in seconds; the budget covers its controller's queue on a busy node.
        [Names.CertificateReady] = TimeSpan.FromMinutes(2),
        [Names.InferenceServiceReady] = TimeSpan.FromMinutes(5),
        [Names.ObjectDeleted] = TimeSpan.FromMinutes(2),
        [Names.ClientPodFinished] = TimeSpan.FromMinutes(2),
        [Names.GatewayConverged] = TimeSpan.FromMinutes(2),
        [Names.ScrapeDelta] = TimeSpan.FromSeconds(90),
        [Names.TraceIndexed] = TimeSpan.FromSeconds(60),
        [Names.ColdStart] = TimeSpan.FromSeconds(60),
        [Names.ScaleToZeroMargin] = TimeSpan.FromSeconds(60),
        [Names.ApiCall] = TimeSpan.FromSeconds(30),
        [Names.ToolDownload] = TimeSpan.FromMinutes(3),
        // ~0.5 GB of model weights at 1 MB/s and more.
        [Names.WeightsDownload] = TimeSpan.FromMinutes(10),
        [Names.GatewayRequest] = TimeSpan.FromMinutes(4),
        // Connect and handshake only: no request is sent, no cold start can be in it.
        [Names.TlsHandshake] = TimeSpan.FromSeconds(15),
        // One attempt may be a cold start: it outlasts the routes' 90 s request timeout, so the gateway's own
        // 504 reaches the client before the client gives up.
        [Names.GatewayAttempt] = TimeSpan.FromSeconds(100),
        [Names.RateLimitWindow] = TimeSpan.FromSeconds(90),
        // Spending a tenant's per-minute token budget one answer at a time (seconds each on one CPU), and again in the next
        // window when the first refusal came too close to its end to show another tenant served in the same window.
        [Names.TokenBudgetSpend] = TimeSpan.FromMinutes(3),
        // Envoy flushes file access logs every 10 s by default; three flushes and the log read.
        [Names.GatewayAccessLog] = TimeSpan.FromSeconds(45),
        // @global-rate-limit: the model gateway's proxy scaled (pods Ready, old ones gone), Redis stopped or back.
        [Names.ProxyReplicas] = TimeSpan.FromMinutes(3),
        [Names.ObservabilityAttempt] = TimeSpan.FromSeconds(15),
    };

    public double Scale { get; } = scale > 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale));

    /// <summary>What the budgets are measured by: deadlines and poll intervals are timers of this clock.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The scaled budget for <paramref name="name"/>; unknown names are a programming error.</summary>
    public TimeSpan this[string name] => Table.TryGetValue(name, out var budget)
        ? TimeSpan.FromTicks((long)(budget.Ticks * Scale))
        : throw new KeyNotFoundException($"No wait budget named '{name}'. Add it to {nameof(WaitBudgets)}.");

    public static IEnumerable<string> AllNames => Table.Keys;

    /// <summary>Budget names, so callers never spell them twice.</summary>
    public static class Names
    {
        public const string DockerPing = "docker-ping";
        public const string ClusterCreate = "cluster-create";
        public const string HelmRelease = "helm-release";
        public const string CrdEstablished = "crd-established";
        public const string DeploymentAvailable = "deployment-available";
        public const string WebhookEndpoints = "webhook-endpoints";
        /// <summary>A cert-manager Certificate Ready for its current spec (its Secret written).</summary>
        public const string CertificateReady = "certificate-ready";
        public const string InferenceServiceReady = "inferenceservice-ready";
        public const string ObjectDeleted = "object-deleted";
        public const string ClientPodFinished = "client-pod-finished";
        public const string GatewayConverged = "gateway-converged";
        public const string ScrapeDelta = "scrape-delta";
        public const string TraceIndexed = "trace-indexed";
        public const string ColdStart = "cold-start";
        /// <summary>Added to the live autoscaler timing (stable window + grace period) to budget scale-to-zero.</summary>
        public const string ScaleToZeroMargin = "scale-to-zero-margin";
        public const string ApiCall = "api-call";
        public const string ToolDownload = "tool-download";
        /// <summary>Downloading one pinned model file into the host cache (versions.yaml weights:).</summary>
        public const string WeightsDownload = "weights-download";
        /// <summary>One gateway call, transport retries included.</summary>
        public const string GatewayRequest = "gateway-request";
        public const string GatewayAttempt = "gateway-attempt";
        /// <summary>One TLS handshake with the gateway (the @tls scenarios), no request sent.</summary>
        public const string TlsHandshake = "tls-handshake";
        /// <summary>A local rate limit's one-minute window, plus slack, until a refused tenant is served again.</summary>
        public const string RateLimitWindow = "rate-limit-window";
        /// <summary>A tenant spending its AI gateway token budget until a conclusive refusal (Support/AiGateway/TokenBudgetJudge.cs).</summary>
        public const string TokenBudgetSpend = "token-budget-spend";
        /// <summary>A request's line in the gateway proxy's access log, which Envoy writes in batches.</summary>
        public const string GatewayAccessLog = "gateway-access-log";
        public const string ProxyReplicas = "proxy-replicas";
        /// <summary>One attempt of a call to Prometheus, Jaeger, Grafana or Kiali (ObservabilityHttp retries transport faults).</summary>
        public const string ObservabilityAttempt = "observability-attempt";
    }
}
