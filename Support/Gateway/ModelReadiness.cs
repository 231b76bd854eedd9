using System.Text.Json;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// Reads a model server's answer to GET /v1/models/&lt;name&gt;, which has a different shape per runtime:
/// <list type="bullet">
/// <item>TensorFlow Serving 2.6.2 (KServe 0.15.2's kserve-tensorflow-serving image: kserve/kserve@v0.15.2
/// config/runtimes/kustomization.yaml, charts/kserve-resources/values.yaml) answers a GetModelStatusResponse:
/// <c>{"model_version_status":[{"version":"1","state":"AVAILABLE","status":{"error_code":"OK",…}}]}</c>, state being
/// UNKNOWN, START, LOADING, AVAILABLE, UNLOADING or END (tensorflow/serving@2.6.2 tensorflow_serving/apis/get_model_status.proto;
/// tensorflow_serving/g3doc/api_rest.md "Model status API"; model_servers/http_rest_api_handler_test.cc GetStatus).</item>
/// <item>KServe's own model servers (sklearnserver, the TorchServe wrapper) answer <c>{"name":…,"ready":true}</c>, and 503
/// while not ready (kserve/kserve@v0.15.2 python/kserve/kserve/protocol/rest/v1_endpoints.py model_ready).</item>
/// </list>
/// </summary>
public static class ModelReadiness
{
    public const string TensorFlowServingRuntime = "kserve-tensorflow-serving";

    /// <summary>Null when the answer says the model is ready to serve; otherwise why not.</summary>
    public static string? WhyNotReady(string runtime, int status, string body)
    {
        if (status != 200) return $"HTTP {status}";
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return runtime == TensorFlowServingRuntime ? TensorFlowServing(root) : KServe(root);
        }
        catch (JsonException e) { return $"not JSON: {e.Message}"; }
    }

    private static string? TensorFlowServing(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model_version_status", out var versions) || versions.ValueKind != JsonValueKind.Array)
            return "no model_version_status (TensorFlow Serving's GetModelStatusResponse)";
        var states = versions.EnumerateArray().Select(v => (
            Version: v.TryGetProperty("version", out var n) ? n.ToString() : "?",
            State: v.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null,
            Error: v.TryGetProperty("status", out var st) && st.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)).ToList();
        return states.Any(s => s.State == "AVAILABLE" && s.Error is null or "OK") ? null
            : "no version is AVAILABLE: " + (states.Count == 0 ? "none listed" : string.Join(", ", states.Select(s => $"{s.Version} {s.State ?? "?"}{(s.Error is null or "OK" ? "" : $" ({s.Error})")}")));
    }

    private static string? KServe(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True
            ? null : "no \"ready\": true (KServe's V1 model-ready answer)";
}
