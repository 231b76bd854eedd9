using Prometheus;

namespace InferenceBox.Issuer;

/// <summary>
/// Prometheus counters in a registry of their own (not prometheus-net's static default), so two issuers in one
/// process (tests restart it in-process) never share counts. prometheus-net writes the exposition format
/// (escaping, HELP/TYPE lines) so we do not hand-format it.
/// </summary>
public sealed class IssuerMetrics
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Counter _tokens;
    private readonly Counter _requests;
    private readonly Counter _refused;

    public IssuerMetrics(IssuerOptions options)
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _tokens = factory.CreateCounter("issuer_tokens_issued_total", "Tokens signed, per tenant.", "tenant");
        _requests = factory.CreateCounter("issuer_http_requests_total", "HTTP requests answered, per route, method and status.",
            "route", "method", "status");
        _refused = factory.CreateCounter("issuer_token_requests_refused_total",
            "Token requests refused, per RFC 6749 section 5.2 error code (invalid_client: failed client authentication).", "error");
        foreach (var tenant in options.Tenants) _tokens.WithLabels(tenant); // publish 0 so rate() works from the start
        foreach (var error in RefusalCodes) _refused.WithLabels(error);
    }

    public void TokenIssued(string tenant) => _tokens.WithLabels(tenant).Inc();

    /// <summary>Counts a refusal under its §5.2 code; the codes are the issuer's own, a closed set.</summary>
    public void TokenRefused(string error) => _refused.WithLabels(RefusalCodes.Contains(error) ? error : OtherMethod).Inc();

    private static readonly string[] RefusalCodes =
    [
        OAuthResponse.InvalidRequest, OAuthResponse.InvalidClient, OAuthResponse.UnauthorizedClient,
        OAuthResponse.UnsupportedGrantType, OAuthResponse.InvalidScope,
    ];

    /// <summary>
    /// Every label comes from a closed set: the route is the endpoint's pattern (or "unmatched"), the status is the
    /// issuer's own answer, and the method, the one value a client chooses, is kept only when RFC 9110 §9.3 (or RFC 5789, PATCH) defines
    /// it (anything else counts as "other"), so no request can create a new series.
    /// </summary>
    public void RequestAnswered(string route, string method, int status) =>
        _requests.WithLabels(route, KnownMethod(method), StatusLabel(status)).Inc();

    public static string KnownMethod(string method) =>
        StandardMethods.FirstOrDefault(m => m.Equals(method, StringComparison.Ordinal)) ?? OtherMethod;

    private static string StatusLabel(int status) => status is >= 100 and <= 599
        ? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "invalid";

    public const string OtherMethod = "other";
    private static readonly string[] StandardMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

    public Task WriteAsync(Stream output, CancellationToken ct) => _registry.CollectAndExportAsTextAsync(output, ct);
}
