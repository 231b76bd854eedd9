using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The predictor pod template KServe 0.15.2 (Serverless) and Knative 1.18.1 would produce (Istio's sidecar is added
/// when the pod is created, by <see cref="Admission.IstioSidecarInjection"/>):
/// <list type="bullet">
/// <item><c>kserve-container</c>: a custom predictor's own container, or the ServingRuntime's container with the InferenceService's model container merged
/// over it (kserve/kserve@v0.15.2 pkg/controller/v1beta1/inferenceservice/utils/utils.go <c>MergeRuntimeContainers</c>), its
/// HTTP/TCP/gRPC readiness probe left to queue-proxy (knative deploy.go makeContainer),
/// the model's resources first defaulted from ConfigMap <c>kserve/inferenceservice-config</c> key
/// <c>inferenceService.resource</c> (pkg/apis/serving/v1beta1/inference_service_defaults.go, the defaulting webhook,
/// which the emulator does not run as a webhook).</item>
/// <item><c>queue-proxy</c>: resources from ConfigMap <c>knative-serving/config-deployment</c>
/// (<c>queue-sidecar-{cpu,memory,ephemeral-storage}-{request,limit}</c>), default requests.cpu 25m
/// (knative/serving@knative-v1.18.1 pkg/reconciler/revision/resources/queue.go <c>createQueueResources</c>,
/// pkg/deployment/config.go), and its restricted securityContext (queue.go <c>queueSecurityContext</c>).</item>
/// <item>Knative's <c>secure-pod-defaults</c> (ConfigMap <c>knative-serving/config-features</c>): when Enabled, each user
/// container's unset allowPrivilegeEscalation becomes false, capabilities drop ALL, runAsNonRoot true unless the pod sets it,
/// seccompProfile RuntimeDefault unless the pod sets one (pkg/apis/serving/v1/revision_defaults.go
/// <c>defaultSecurityContext</c>).</item>
/// <item><c>storage-initializer</c> (init container) for a storageUri other than pvc://, which the kserve chart mounts
/// directly (charts/kserve-resources/templates/configmap.yaml <c>enableDirectPvcVolumeMount: true</c>): KServe's pod
/// mutator adds it with the ClusterStorageContainer "default"'s securityContext (pkg/webhook/admission/pod/
/// storage_initializer_injector.go; charts/kserve-resources/templates/clusterstoragecontainer.yaml, values.yaml
/// kserve.storage.containerSecurityContext), its image the chart's <c>kserve.storage.image:kserve.storage.tag</c> as
/// versions.yaml pins kserve/storage-initializer (<see cref="EmulatorImages.StorageInitializer"/>).</item>
/// </list>
/// </summary>
public static class PredictorPods
{
    public static JsonObject Template(JsonObject isvc, JsonObject? runtime, JsonObject? kserveConfig, JsonObject? knativeConfig,
        IReadOnlyDictionary<string, string> labels, string storageInitializerImage, JsonObject? knativeFeatures = null)
    {
        var predictor = isvc["spec"]?["predictor"] as JsonObject ?? new JsonObject();
        var model = predictor["model"] as JsonObject ?? new JsonObject();
        var container = CustomContainer(predictor) is { } custom
            ? CustomPredictor(custom, kserveConfig)
            : ModelContainer(model, runtime, kserveConfig);
        // Knative runs HTTP, TCP and gRPC readiness probes from queue-proxy and drops them from the user container
        // (knative/serving@knative-v1.18.1 pkg/reconciler/revision/resources/deploy.go makeContainer).
        if (container["readinessProbe"] is JsonObject probe && (probe["httpGet"] ?? probe["tcpSocket"] ?? probe["grpc"]) is not null)
            container.Remove("readinessProbe");
        var podSecurity = predictor["securityContext"] as JsonObject;
        if (KnativeSecureDefaults.Enabled(knativeFeatures)) KnativeSecureDefaults.Apply(container, podSecurity);
        var spec = new JsonObject { ["containers"] = new JsonArray(container, QueueProxy(knativeConfig)) };
        foreach (var key in new[] { "securityContext", "serviceAccountName", "nodeSelector", "tolerations", "automountServiceAccountToken" })
            if (predictor[key] is { } value) spec[key] = value.DeepClone();
        if (model["storageUri"]?.ToString() is { Length: > 0 } uri && !uri.StartsWith("pvc://", StringComparison.Ordinal))
            spec["initContainers"] = new JsonArray(StorageInitializer(storageInitializerImage));
        var labelJson = new JsonObject();
        foreach (var (k, v) in labels) labelJson[k] = v;
        return new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labelJson }, ["spec"] = spec };
    }

    /// <summary>The model's container merged over its runtime's <c>kserve-container</c>, resources defaulted, then merged.</summary>
    private static JsonObject ModelContainer(JsonObject model, JsonObject? runtime, JsonObject? kserveConfig)
    {
        var runtimeContainer = (runtime?["spec"]?["containers"]?.AsArray() ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => c["name"]?.ToString() == "kserve-container") ?? new JsonObject { ["name"] = "kserve-container" };
        var container = (JsonObject)runtimeContainer.DeepClone();
        foreach (var (key, value) in model)
            if (key is not ("modelFormat" or "runtime" or "storageUri" or "protocolVersion" or "runtimeVersion" or "resources" or "name"))
                container[key] = key == "securityContext" ? MergeObjects(container[key], value) : value?.DeepClone();
        container["name"] = "kserve-container";
        container["resources"] = MergeResources(runtimeContainer["resources"], Defaulted(model["resources"], kserveConfig));
        return container;
    }

    /// <summary>
    /// A custom predictor (<c>spec.predictor.containers</c>, no model): its container named kserve-container, or its only one,
    /// which KServe's defaulting renames so (kserve/kserve@v0.15.2 pkg/apis/serving/v1beta1/predictor_custom.go Default,
    /// GetContainer); no runtime, only the resources defaulted (setResourceRequirementDefaults).
    /// </summary>
    private static JsonObject? CustomContainer(JsonObject predictor)
    {
        if (predictor["model"] is not null || predictor["containers"] is not JsonArray { Count: > 0 } containers) return null;
        return containers.OfType<JsonObject>().FirstOrDefault(c => c["name"]?.ToString() == "kserve-container")
               ?? (containers.Count == 1 ? containers[0] as JsonObject : null);
    }

    private static JsonObject CustomPredictor(JsonObject custom, JsonObject? kserveConfig)
    {
        var container = (JsonObject)custom.DeepClone();
        container["name"] = "kserve-container";
        container["resources"] = Defaulted(custom["resources"], kserveConfig);
        return container;
    }

    /// <summary>
    /// A strategic merge of two objects without list merge keys (MergeRuntimeContainers uses strategicpatch): fields merged
    /// recursively, the InferenceService's winning; a list (capabilities.drop) is replaced.
    /// </summary>
    private static JsonNode? MergeObjects(JsonNode? runtime, JsonNode? overrides)
    {
        if (runtime is not JsonObject under || overrides is not JsonObject over) return overrides?.DeepClone();
        var result = (JsonObject)under.DeepClone();
        foreach (var (k, v) in over) result[k] = MergeObjects(result[k], v);
        return result;
    }

    /// <summary>The ClusterStorageContainer "default" of the kserve chart v0.15.2: image (the lock's), resources, securityContext.</summary>
    private static JsonObject StorageInitializer(string image) => new()
    {
        ["name"] = "storage-initializer", ["image"] = image,
        ["resources"] = new JsonObject
        {
            ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "100Mi" },
            ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "1Gi" },
        },
        ["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false, ["privileged"] = false, ["runAsNonRoot"] = true,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
        },
    };

    /// <summary>The webhook's <c>setResourceRequirementDefaults</c>: missing keys filled from the ConfigMap.</summary>
    private static JsonNode Defaulted(JsonNode? resources, JsonObject? kserveConfig)
    {
        var result = (JsonObject)(resources?.DeepClone() ?? new JsonObject());
        if (kserveConfig?["data"]?["inferenceService"]?.ToString() is not { } text) return result;
        JsonNode? config;
        try { config = JsonNode.Parse(text)?["resource"]; }
        catch (JsonException) { return result; }
        void Fill(string list, string name, string key)
        {
            if (config?[key]?.ToString() is not { Length: > 0 } value) return;
            var target = result[list] as JsonObject ?? new JsonObject();
            target.TryAdd(name, value);
            result[list] = target;
        }
        Fill("requests", "cpu", "cpuRequest");
        Fill("requests", "memory", "memoryRequest");
        Fill("limits", "cpu", "cpuLimit");
        Fill("limits", "memory", "memoryLimit");
        return result;
    }

    /// <summary>Strategic merge of two ResourceRequirements: each list merged key by key, the InferenceService's winning.</summary>
    private static JsonObject MergeResources(JsonNode? runtime, JsonNode overrides)
    {
        var result = (JsonObject)(runtime?.DeepClone() ?? new JsonObject());
        foreach (var (list, values) in overrides as JsonObject ?? [])
        {
            var target = result[list] as JsonObject ?? new JsonObject();
            foreach (var (k, v) in values as JsonObject ?? []) target[k] = v?.DeepClone();
            result[list] = target;
        }
        return result;
    }

    private static JsonObject QueueProxy(JsonObject? knativeConfig)
    {
        var data = knativeConfig?["data"] as JsonObject;
        var requests = new JsonObject();
        var limits = new JsonObject();
        foreach (var (name, resource) in new[] { ("cpu", "cpu"), ("memory", "memory"), ("ephemeral-storage", "ephemeral-storage") })
        {
            if (data?[$"queue-sidecar-{name}-request"]?.ToString() is { Length: > 0 } request) requests[resource] = request;
            else if (name == "cpu") requests["cpu"] = "25m";
            if (data?[$"queue-sidecar-{name}-limit"]?.ToString() is { Length: > 0 } limit) limits[resource] = limit;
        }
        var resources = new JsonObject { ["requests"] = requests };
        if (limits.Count > 0) resources["limits"] = limits;
        return new JsonObject
        {
            ["name"] = "queue-proxy", ["image"] = "gcr.io/knative-releases/knative.dev/serving/cmd/queue",
            ["resources"] = resources,
            ["securityContext"] = new JsonObject
            {
                ["allowPrivilegeEscalation"] = false, ["readOnlyRootFilesystem"] = true, ["runAsNonRoot"] = true,
                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
            },
        };
    }
}
