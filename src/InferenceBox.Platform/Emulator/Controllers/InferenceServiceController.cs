using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// What KServe 0.15.2 (Serverless) and Knative 1.18.1 make of an InferenceService, reduced to the part that meets
/// admission: the revision's Deployment <c>&lt;isvc&gt;-predictor-0000N-deployment</c> (knative/serving@knative-v1.18.1
/// pkg/reconciler/revision/resources/names/names.go, deploy.go <c>MakeDeployment</c>: one replica to start, labels
/// <c>serving.knative.dev/*</c>) whose pods carry <see cref="PredictorPods"/>' containers. The Deployment controller
/// then creates those pods through admission; a refusal comes back as the InferenceService's failed revision
/// (<see cref="InferenceServiceStatus"/>). Otherwise the InferenceService becomes Ready only when the test or the
/// rehearsal says so (<see cref="ClusterObjects.MarkInferenceServiceReadyAsync"/>), or at once with
/// <see cref="EmulatorOptions.InferenceServicesBecomeReady"/>. Knative Service/Configuration/Revision/Route objects,
/// the autoscaler (scale to zero) and the activator are not created.
/// </summary>
/// <param name="storageInitializerImage">the ClusterStorageContainer's image as versions.yaml pins it (<see cref="EmulatorImages.StorageInitializer"/>)</param>
public sealed class InferenceServiceController(ControllerSupport support, bool becomeReady, string storageInitializerImage) : IController
{
    private const string IsvcLabel = "serving.kserve.io/inferenceservice";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        var isvcs = support.Ops.Catalog.Find(new Manifests.GroupVersionKind(InferenceServiceStatus.Group, "v1beta1", "InferenceService"));
        if (isvcs is null) return;
        if (change.Resource.Group == InferenceServiceStatus.Group && change.Resource.Kind == "InferenceService" && change.Type != "DELETED")
            await EnsureDeploymentAsync(change.Object, ct);
        else if (change.Resource.Group == "apps" && change.Resource.Kind == "Deployment" && change.Type != "DELETED"
                 && change.Object["metadata"]?["labels"]?[IsvcLabel]?.ToString() is { } name
                 && support.Ops.Store.Get(isvcs, change.Namespace, name) is { } isvc)
            await PropagateAsync(isvcs, isvc, change.Object, ct);
    }

    private async Task EnsureDeploymentAsync(JsonObject isvc, CancellationToken ct)
    {
        var deployments = support.Resource("apps/v1", "Deployment");
        var ns = isvc["metadata"]!["namespace"]!.GetValue<string>();
        var revision = InferenceServiceStatus.Revision(isvc);
        if (support.Ops.Store.Get(deployments, ns, revision + "-deployment") is not null) return;
        var labels = new Dictionary<string, string>
        {
            ["app"] = revision, ["component"] = "predictor", [IsvcLabel] = isvc["metadata"]!["name"]!.ToString(),
            ["serving.knative.dev/configuration"] = $"{isvc["metadata"]!["name"]}-predictor",
            ["serving.knative.dev/revision"] = revision, ["serving.knative.dev/service"] = $"{isvc["metadata"]!["name"]}-predictor",
        };
        var template = PredictorPods.Template(isvc, Runtime(isvc, ns), ConfigMap("kserve", "inferenceservice-config"),
            ConfigMap("knative-serving", "config-deployment"), labels, storageInitializerImage, ConfigMap("knative-serving", "config-features"));
        var labelJson = (JsonObject)template["metadata"]!["labels"]!.DeepClone();
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = revision + "-deployment", ["labels"] = labelJson, ["ownerReferences"] = new JsonArray(ControllerSupport.OwnerReference(isvc)) },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["serving.knative.dev/revision"] = revision } },
                ["template"] = template,
            },
        };
        await support.Ops.CreateAsync(deployments, ns, deployment, new WriteOptions("controller"), ct);
    }

    private async Task PropagateAsync(Discovery.ApiResource isvcs, JsonObject isvc, JsonObject deployment, CancellationToken ct)
    {
        var revision = InferenceServiceStatus.Revision(isvc);
        if (deployment["metadata"]!["name"]!.ToString() != revision + "-deployment") return;
        JsonObject? status = null;
        if (ControllerSupport.Condition(deployment, "ReplicaFailure") == "True")
            status = InferenceServiceStatus.Failed(isvc, support, revision, ControllerSupport.Condition(deployment, "ReplicaFailure", "message") ?? "");
        else if (becomeReady && ControllerSupport.Condition(deployment, "Available") == "True")
            status = InferenceServiceStatus.Ready(isvc, support);
        if (status is not null) await support.SetStatusAsync(isvcs, isvc, status, "manager", ct);
    }

    /// <summary>The runtime named by the model, else one that auto-selects its format (namespace first, then cluster), as KServe picks it.</summary>
    private JsonObject? Runtime(JsonObject isvc, string ns)
    {
        var model = isvc["spec"]?["predictor"]?["model"];
        var named = model?["runtime"]?.ToString();
        var format = model?["modelFormat"]?["name"]?.ToString();
        var candidates = new List<JsonObject>();
        foreach (var (kind, scope) in new[] { ("ServingRuntime", ns), ("ClusterServingRuntime", (string?)null) })
            if (support.Ops.Catalog.Find(new Manifests.GroupVersionKind(InferenceServiceStatus.Group, "v1alpha1", kind)) is { } r)
                candidates.AddRange(support.Ops.Store.List(r, scope).Items);
        return named is not null
            ? candidates.FirstOrDefault(c => c["metadata"]!["name"]!.ToString() == named)
            : candidates.FirstOrDefault(c => (c["spec"]?["supportedModelFormats"]?.AsArray() ?? [])
                .Any(f => f?["name"]?.ToString() == format && f?["autoSelect"]?.ToString() == "true"));
    }

    private JsonObject? ConfigMap(string ns, string name) => support.Ops.Store.Get(support.Resource("v1", "ConfigMap"), ns, name);
}
