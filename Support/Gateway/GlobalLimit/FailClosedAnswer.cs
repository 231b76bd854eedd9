namespace InferenceBox.Specs.Support.Gateway.GlobalLimit;

/// <summary>
/// The gateway's answer while its rate-limit service cannot count (Redis down), with failClosed: true
/// (manifests/values/envoy-gateway.yaml): Envoy Gateway sets failure_mode_deny on the ratelimit filter
/// (envoyproxy/gateway@v1.4.2 internal/xds/translator/ratelimit.go), and Envoy's filter then answers a failed check itself
/// with 500, response code details "rate_limiter_error" and response flag RLSE (envoyproxy/envoy
/// source/extensions/filters/http/ratelimit/ratelimit.cc: sendLocalReply(InternalServerError, …, RcDetails RateLimitError)).
/// Only that filter gives this detail, and no upstream is picked: the model was not reached.
/// </summary>
public static class FailClosedAnswer
{
    public const string Details = "rate_limiter_error";

    /// <summary>Null when the answer is the rate-limit filter's fail-closed 500; otherwise why it is not.</summary>
    public static string? WhyNot(GatewayExchange answer, GatewayAccessLogEntry entry)
    {
        if (answer.StatusCode != 500) return $"status {answer.StatusCode}, not 500: the gateway did not fail closed";
        if (entry.ResponseCodeDetails != Details)
            return $"the access log says \"{entry.ResponseCodeDetails}\", not \"{Details}\": the 500 came from another layer";
        return entry.AnsweredLocally ? null : $"the gateway forwarded it to {entry.UpstreamHost}: a model was reached";
    }
}
