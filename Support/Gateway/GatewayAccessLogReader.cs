using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Gateway;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// Finds a request's line in a gateway's access log (its Envoy pods' logs, read through the cluster driver): the model
/// gateway's by default, or another Gateway's of Envoy Gateway's namespace (the AI gateway's, manifests/gateway/ai-gateway.yaml,
/// logs the same fields and keeps the client's request id the same way).
/// Envoy writes file access logs in batches (its --file-flush-interval-msec defaults to 10 s and Envoy Gateway sets no
/// other), so the line is awaited within the "gateway-access-log" budget. The request id is the client's own: the
/// ClientTrafficPolicy in manifests/gateway/client-traffic-policy.yaml keeps it (Envoy Gateway's default generates a new
/// one for every edge request, envoyproxy/gateway@v1.4.2 api/v1alpha1/clienttrafficpolicy_types.go RequestID).
/// </summary>
public sealed class GatewayAccessLogReader(ClusterDriver cluster, RunContext run, ScenarioTimeline timeline)
{
    public Task<GatewayAccessLogEntry> FindAsync(GatewayExchange exchange, string gateway = ModelGateway.Name, CancellationToken ct = default)
    {
        var id = exchange.RequestId ?? throw new InvalidOperationException($"{exchange.Method} {exchange.Url} has no request id to look up.");
        var since = (exchange.SentAt ?? DateTimeOffset.UtcNow).AddMinutes(-1);
        return Poll.UntilAsync(run.Budgets, WaitBudgets.Names.GatewayAccessLog, $"the access log line of request id {id} of Gateway {gateway}",
            TimeSpan.FromSeconds(2), async token =>
            {
                var logs = await cluster.PodLogsAsync(ModelGateway.Namespace, ModelGateway.ProxySelector(gateway), since, token);
                var entry = logs.Values.Select(l => GatewayAccessLog.Find(l, id)).OfType<GatewayAccessLogEntry>().FirstOrDefault();
                if (entry is null)
                    return WaitVerdict<GatewayAccessLogEntry>.NotYet($"{logs.Count} containers' logs read, no line with x-request-id {id} yet");
                timeline.Record("gateway-log", entry.ToString());
                return WaitVerdict<GatewayAccessLogEntry>.Reached(entry);
            }, ct);
    }
}
