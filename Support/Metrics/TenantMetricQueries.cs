namespace InferenceBox.Specs.Support.Metrics;

/// <summary>
/// The series the observability scenario counts. Answered requests are counted by the predictor's own Istio
/// sidecar (reporter="destination") from the gateway path's sources only (<see cref="GatewayPathSources"/>), so each
/// request that reached the model through the gateway counts once, whatever path it took (activator or direct), and
/// the autoscaler's and Prometheus' scrapes of the pod do not count at all. Requests the gateway rejects never reach
/// the mesh, so they are counted on Envoy Gateway's proxy (scraped on :19001/stats/prometheus), by response code class:
/// Envoy keeps downstream counts per class (envoy_http_downstream_rq_xx), not per code. Rises are measured series by
/// series since a noted baseline (<see cref="CounterRise"/>), never as a difference of sums.
/// </summary>
public static class TenantMetricQueries
{
    public const string GatewayNamespace = "envoy-gateway-system";

    public static IReadOnlyList<string> AnsweredSelectors(string tenant, string model, int responseCode) =>
        GatewayPathSources.Selectors(
            $"reporter=\"destination\",destination_workload_namespace=\"{tenant}\",destination_workload=~\"{model}-predictor-.*\",response_code=\"{responseCode}\"").ToList();

    /// <summary>The sum of <see cref="AnsweredSelectors"/> now (a raw sum: for reading, not for measuring a rise).</summary>
    public static string Answered(string tenant, string model, int responseCode) =>
        "sum(" + string.Join(" or ", AnsweredSelectors(tenant, model, responseCode)) + ")";

    /// <summary>
    /// Answers of the gateway's proxies by status class. Envoy's downstream counters keep only the class, so a
    /// rejection (401) is counted among the 4xx; the scenario says so rather than claim an exact code.
    /// </summary>
    public static IReadOnlyList<string> GatewayAnswersOfClass(int statusClass) =>
        [$"envoy_http_downstream_rq_xx{{namespace=\"{GatewayNamespace}\",envoy_response_code_class=\"{statusClass}\"}}"];
}
