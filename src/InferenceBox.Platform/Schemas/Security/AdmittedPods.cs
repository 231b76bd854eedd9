using System.Text.Json.Nodes;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Controllers;
using InferenceBox.Platform.Manifests;
using k8s;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// A pod as the API server would admit it: the template we wrote, what the controllers build from it, and Istio's sidecar
/// where its namespace injects one. <see cref="File"/>/<see cref="Object"/>/<see cref="Path"/> say where we wrote it.
/// </summary>
public sealed record AdmittedPod(string File, string? Object, string Path, string Namespace, JsonObject Pod, bool Ours = true);

/// <summary>
/// Every pod the platform as code defines, as admitted (issue 19 item 8): the pod templates of manifests/ (Deployments,
/// StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, Pods), each InferenceService's predictor pod (the emulator's
/// model of what KServe and Knative build, <see cref="PredictorPods"/>, with the runtime of <see cref="KServeRuntimes"/> and
/// Knative's config-features of manifests/), and the pods the suite builds in code (ClientPods, QuotaBreaker's model).
/// Istio's injection is the emulator's (<see cref="IstioSidecarInjection"/>) with istiod's values of manifests/values. Images
/// are the lock's pins, as the emulator writes them (<see cref="EmulatorImages"/>).
/// </summary>
public static class AdmittedPods
{
    public const string ClientPodsFile = "src/InferenceBox.Platform/Cluster/ClientPods.cs", QuotaBreakerFile = "src/InferenceBox.Platform/Cluster/QuotaBreaker.cs";

    public static IEnumerable<AdmittedPod> Of(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        var namespaces = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1", Name: not null })
            .GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First().Body);
        var istiod = versionLock.Charts.FirstOrDefault(p => p.Value.Chart == "istiod").Key;
        var sidecars = istiod is null ? null : SidecarSettings.FromHelmValues(Nodes.Values(manifestsDir, istiod).Values);
        var proxyImage = sidecars is null ? "" : EmulatorImages.PinIn(versionLock, EmulatorImages.IstioProxyRepository);
        var storageInitializer = EmulatorImages.PinIn(versionLock, EmulatorImages.StorageInitializerRepository);
        var features = objects.FirstOrDefault(o => o is { Kind: "ConfigMap", Namespace: "knative-serving", Name: "config-features" })?.Body;

        AdmittedPod Admit(string file, string? obj, string path, string ns, JsonObject pod, bool ours = true)
        {
            var admitted = (JsonObject)pod.DeepClone();
            if (sidecars is not null && IstioSidecarInjection.Applies(admitted, namespaces.GetValueOrDefault(ns)))
                IstioSidecarInjection.Inject(admitted, sidecars, proxyImage);
            return new AdmittedPod(file, obj, path, ns, admitted, ours);
        }

        // Canary manifests too: each re-applies a whole InferenceService, so what it leaves out its pods lose.
        foreach (var o in objects.Where(o => o.Namespace is not null))
        {
            if (o is { Kind: "InferenceService" } && TenancyCheck.Group(o) == "serving.kserve.io")
                yield return Admit(o.File, o.Describe(), ".spec.predictor", o.Namespace!, Predictor(o.Body, features, storageInitializer));
            else if (Template(o) is ({ } template, var path))
                yield return Admit(o.File, o.Describe(), path, o.Namespace!, template);
        }

        var tenant = PlatformTenants.All[0];
        foreach (var sidecar in new[] { false, true })
        {
            var pod = ClientPods.Build(new InMeshCall(tenant, sidecar, new Uri("http://model.example.invalid/")), "client", "token",
                new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
            yield return Admit(ClientPodsFile, $"Pod built by ClientPods.Build ({(sidecar ? "with" : "without")} a sidecar, in {tenant})", ".spec",
                tenant, JsonNode.Parse(KubernetesJson.Serialize(pod))!.AsObject());
        }
        var breaker = QuotaBreaker.InferenceService(tenant, "quota-breaker", QuotaBreaker.Plan(1m, null, null));
        yield return Admit(QuotaBreakerFile, $"InferenceService built by QuotaBreaker.InferenceService (in {tenant})", ".spec.predictor", tenant,
            Predictor(breaker, features, storageInitializer));
    }

    /// <summary>The predictor pod KServe and Knative build for an InferenceService (its revision's pod template).</summary>
    public static JsonObject Predictor(JsonObject isvc, JsonObject? knativeFeatures, string storageInitializerImage) =>
        PredictorPods.Template(isvc, KServeRuntimes.For(isvc), null, null, new Dictionary<string, string>(), storageInitializerImage, knativeFeatures);

    /// <summary>The pod template of a workload (admission.go <c>extractPodSpecFromTemplate</c>'s kinds) and where it is.</summary>
    private static (JsonObject?, string) Template(ManifestObject o) => (TenancyCheck.Group(o), o.Kind) switch
    {
        ("", "Pod") => (o.Body, ""),
        ("apps", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") or ("batch", "Job") => (o.Body["spec"]?["template"] as JsonObject, ".spec.template"),
        ("batch", "CronJob") => (o.Body["spec"]?["jobTemplate"]?["spec"]?["template"] as JsonObject, ".spec.jobTemplate.spec.template"),
        _ => (null, ""),
    };
}
