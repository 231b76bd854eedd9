using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Faults;

/// <summary>
/// Ready-made faults with the answers the real ones give. 5xx and throttling Statuses are those of
/// kubernetes/apimachinery@v0.32.5 pkg/api/errors/errors.go; a failed webhook call is what
/// kubernetes/apiserver@v0.32.5 pkg/admission/plugin/webhook/{mutating,validating}/dispatcher.go return when the
/// webhook cannot be called and its failurePolicy is Fail: <c>NewInternalError(ErrCallingWebhook)</c>, i.e. 500
/// <c>Internal error occurred: failed calling webhook "&lt;name&gt;": failed to call webhook: Post "https://&lt;svc&gt;.&lt;ns&gt;.svc:&lt;port&gt;&lt;path&gt;?timeout=10s": &lt;cause&gt;</c>
/// (pkg/util/webhook/error.go), with the causes the transport reports: the service resolver's
/// <c>no endpoints available for service "x"</c> (pkg/util/proxy/proxy.go), a dial's <c>connect: connection refused</c>,
/// and Go's TLS verification error <c>tls: failed to verify certificate: x509: certificate signed by unknown authority</c>.
/// </summary>
public abstract partial record Fault
{
    public static Fault Latency(TimeSpan delay) => new Delayed(delay);

    public static Fault ConnectionReset() => new Dropped();

    /// <summary>500 InternalError, e.g. an etcd failure.</summary>
    public static Fault InternalError(string cause = "etcdserver: request timed out") => new Refused(ApiError.Internal(cause));

    /// <summary>503 ServiceUnavailable (the server "is currently unable to handle the request").</summary>
    public static Fault ServiceUnavailable(string message = "the server is currently unable to handle the request") =>
        new Refused(ApiError.ServiceUnavailable(message));

    /// <summary>504 Timeout, as a request that outlived the server's request timeout gets it.</summary>
    public static Fault Timeout(string message = "request did not complete within requested timeout - context deadline exceeded") =>
        new Refused(ApiError.Timeout(message, 0));

    /// <summary>429, as priority and fairness answers an overloaded server.</summary>
    public static Fault TooManyRequests(int retryAfterSeconds = 1) =>
        new Refused(new ApiError(429, "TooManyRequests", "Too many requests, please try again later.",
            new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }));

    public enum WebhookCause { NoEndpoints, ConnectionRefused, UnknownAuthority }

    /// <summary>A webhook the server could not call, e.g. KServe's <c>inferenceservice.kserve-webhook-server.defaulter</c>.</summary>
    public static Fault WebhookCallFailed(string webhook, string serviceNamespace, string service, string path, WebhookCause cause,
        int port = 443, string serviceIp = "10.96.0.100")
    {
        var url = $"https://{service}.{serviceNamespace}.svc:{port}{path}?timeout=10s";
        var why = cause switch
        {
            WebhookCause.NoEndpoints => $"no endpoints available for service \"{service}\"",
            WebhookCause.ConnectionRefused => $"dial tcp {serviceIp}:{port}: connect: connection refused",
            _ => "tls: failed to verify certificate: x509: certificate signed by unknown authority",
        };
        return new Refused(ApiError.Internal($"failed calling webhook \"{webhook}\": failed to call webhook: Post \"{url}\": {why}"));
    }
}
