using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The status an InferenceService (KServe 0.15.2, Serverless) shows, built as kserve/kserve@v0.15.2
/// pkg/apis/serving/v1beta1/inference_service_status.go propagates it from the Knative Service (<c>PropagateStatus</c>):
/// the predictor's conditions are the Knative Service's (Ready → PredictorReady, ConfigurationsReady →
/// PredictorConfigurationReady, RoutesReady → PredictorRouteReady), and Ready follows them. A failed revision reads
/// as Knative words it: <c>Revision "&lt;name&gt;" failed with message: &lt;deployment's ReplicaFailure message&gt;.</c>
/// (knative/serving@knative-v1.18.1 pkg/apis/serving/v1/configuration_lifecycle.go <c>MarkLatestCreatedFailed</c>,
/// fed by pkg/apis/serving/k8s_lifecycle.go <c>TransformDeploymentStatus</c>).
/// </summary>
public static class InferenceServiceStatus
{
    public const string Group = "serving.kserve.io";

    public static string Revision(JsonObject isvc) =>
        $"{isvc["metadata"]!["name"]}-predictor-{(isvc["metadata"]?["generation"] is JsonValue g && long.TryParse(g.ToJsonString(), out var n) ? n : 1):00000}";

    public static JsonObject Failed(JsonObject isvc, ControllerSupport support, string revision, string deploymentMessage)
    {
        var message = $"Revision \"{revision}\" failed with message: {deploymentMessage}.";
        var status = Base(isvc, revision);
        foreach (var type in new[] { "PredictorConfigurationReady", "PredictorReady", "Ready" })
            support.WithCondition(status, type, "False", "RevisionFailed", message);
        return status;
    }

    public static JsonObject Ready(JsonObject isvc, ControllerSupport support)
    {
        var revision = Revision(isvc);
        var name = isvc["metadata"]!["name"]!.ToString();
        var ns = isvc["metadata"]!["namespace"]!.ToString();
        var status = Base(isvc, revision);
        var local = $"http://{name}-predictor.{ns}.svc.cluster.local";
        var predictor = (JsonObject)status["components"]!["predictor"]!;
        predictor["latestReadyRevision"] = revision;
        predictor["latestRolledoutRevision"] = revision;
        predictor["url"] = local;
        predictor["address"] = new JsonObject { ["url"] = local };
        status["url"] = $"http://{name}.{ns}.svc.cluster.local";
        status["address"] = new JsonObject { ["url"] = $"http://{name}.{ns}.svc.cluster.local" };
        foreach (var type in new[] { "IngressReady", "PredictorConfigurationReady", "PredictorReady", "PredictorRouteReady", "Ready" })
            support.WithCondition(status, type, "True", "", "");
        foreach (var c in (JsonArray)status["conditions"]!) { c!.AsObject().Remove("reason"); c.AsObject().Remove("message"); }
        status["modelStatus"] = new JsonObject
        {
            ["states"] = new JsonObject { ["activeModelState"] = "Loaded", ["targetModelState"] = "Loaded" },
            ["transitionStatus"] = "UpToDate",
        };
        return status;
    }

    private static JsonObject Base(JsonObject isvc, string revision)
    {
        var status = (isvc["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        status["observedGeneration"] = isvc["metadata"]?["generation"]?.DeepClone();
        status["deploymentMode"] = "Serverless";
        var components = status["components"] as JsonObject ?? new JsonObject();
        var predictor = components["predictor"] as JsonObject ?? new JsonObject();
        predictor["latestCreatedRevision"] = revision;
        components["predictor"] = predictor;
        status["components"] = components;
        return status;
    }
}
