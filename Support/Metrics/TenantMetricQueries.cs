namespace InferenceBox.Specs.Support.Metrics;

/// <summary>
/// The PromQL the observability scenario reads. Answered requests are counted by the predictor's own Istio
/// sidecar (reporter="destination"), so each request that reached the model counts once, whatever path it took
/// (activator or direct). Requests the gateway rejects never reach the mesh, so they are counted on Envoy
/// Gateway's proxy, by response code class.
/// </summary>
public static class TenantMetricQueries
{
    public static string Answered(string tenant, string model, int responseCode) =>
        $"sum(istio_requests_total{{reporter=\"destination\",destination_workload_namespace=\"{tenant}\"," +
        $"destination_workload=~\"{model}-predictor-.*\",response_code=\"{responseCode}\"}})";

    public static string RejectedAtGateway(int responseCode) =>
        $"sum(envoy_http_downstream_rq_xx{{envoy_response_code_class=\"{responseCode / 100}\"}})";
}
