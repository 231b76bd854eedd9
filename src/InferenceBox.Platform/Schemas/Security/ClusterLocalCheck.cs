using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Every InferenceService is cluster-local, so the model gateway is the only way in (issue 19 item 6): without the label
/// networking.knative.dev/visibility: cluster-local, Knative gives the predictor an external host that net-istio serves
/// on the Istio ingress gateway, past Envoy Gateway's checks. KServe 0.15.2 honours the label in Serverless mode: it copies
/// it to the Knative Service, and serves its own top-level VirtualService on the local gateway and the mesh only
/// (kserve/kserve@v0.15.2 pkg/controller/v1beta1/inferenceservice/reconcilers/knative/ksvc_reconciler.go,
/// reconcilers/ingress/ingress_reconciler.go; knative/serving@knative-v1.18.1 pkg/reconciler/route/visibility).
/// </summary>
public static class ClusterLocalCheck
{
    public const string Label = "networking.knative.dev/visibility", ClusterLocal = "cluster-local";

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects) =>
        objects.Where(o => Nodes.Is(o, "serving.kserve.io", "InferenceService")
                           && Nodes.Text(o.Body["metadata"]?["labels"]?[Label]) != ClusterLocal)
            .Select(o => Nodes.Error(o, $".metadata.labels[\"{Label}\"]",
                $"the model would get an external host on the Istio ingress gateway, past the model gateway's checks: label it {Label}: {ClusterLocal}"));
}
