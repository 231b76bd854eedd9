using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission.PodSecurity;
using InferenceBox.Platform.Emulator.Controllers;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Pod Security Standards for every pod we define (issue 19 item 8): each pod of <see cref="AdmittedPods"/> must pass the
/// restricted profile as k8s.io/pod-security-admission at Kubernetes v1.32 defines it, evaluated by the emulator's
/// PodSecurity admission (<see cref="PodSecurityAdmission.Violations"/>, the same reasons and texts), and say whether it
/// needs an API token (automountServiceAccountToken). An InferenceService's pod-level securityContext must be one Knative
/// keeps; and Istio's CNI chart must be installed when istiod injects for it.
/// </summary>
public static class PodSecurityCheck
{
    private const string Fix = "give the pod and every container a full restricted securityContext (runAsNonRoot: true, " +
                               "allowPrivilegeEscalation: false, capabilities.drop [ALL], seccompProfile RuntimeDefault)";

    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        var features = objects.FirstOrDefault(o => o is { Kind: "ConfigMap", Namespace: "knative-serving", Name: "config-features" })?.Body;
        foreach (var pod in AdmittedPods.Of(manifestsDir, objects, versionLock))
        {
            if (pod.Pod["spec"] is not JsonObject spec) continue;
            if (PodSecurityAdmission.Violations(pod.Pod["metadata"] as JsonObject, spec, PodSecurityAdmission.Level.Restricted) is { } detail)
                yield return new(pod.File, pod.Object, pod.Path,
                    $"its pods would be refused in a namespace that enforces restricted, as the API server says: violates PodSecurity " +
                    $"\"restricted:latest\": {detail}. {Fix}{Hints(spec)}");
            if (spec["automountServiceAccountToken"] is null)
                yield return new(pod.File, pod.Object, pod.Path + ".automountServiceAccountToken",
                    "not set, so every container gets an API token it does not use: set automountServiceAccountToken: false " +
                    "(true only for a pod that calls the Kubernetes API; Istio's sidecar brings its own istio-token)");
        }
        foreach (var isvc in objects.Where(o => o.Kind == "InferenceService" && TenancyCheck.Group(o) == "serving.kserve.io"))
            if (KnativeKeeps(isvc.Body["spec"]?["predictor"]?["securityContext"] as JsonObject, features) is { } refused)
                yield return Nodes.Error(isvc, ".spec.predictor.securityContext", refused);
        foreach (var error in CniChart(manifestsDir, versionLock)) yield return error;
    }

    /// <summary>What the pod's admitted containers need that we cannot write into them ourselves.</summary>
    private static string Hints(JsonObject spec)
    {
        var names = new[] { "initContainers", "containers" }.SelectMany(f => Nodes.Items(spec[f])).Select(c => Nodes.Text(c?["name"])).ToHashSet();
        var hints = new List<string>();
        if (names.Contains("istio-init"))
            hints.Add("Istio injects istio-init (NET_ADMIN, NET_RAW, root) unless its CNI plugin is on: values/istiod.yaml cni.enabled: true and the cni chart");
        if ((names.Contains("istio-proxy") || names.Contains("istio-validation")) && spec["securityContext"]?["seccompProfile"] is null)
            hints.Add("Istio's injected containers carry no seccompProfile (istio/istio@1.26.2 manifests/charts/istio-control/istio-discovery/" +
                      "files/injection-template.yaml): set it on the pod");
        return hints.Count == 0 ? "" : "; " + string.Join("; ", hints);
    }

    /// <summary>
    /// knative/serving@knative-v1.18.1 pkg/apis/serving/fieldmask.go <c>PodSecurityContextMask</c>, enforced by
    /// k8s_validation.go <c>ValidatePodSecurityContext</c>: with secure-pod-defaults Enabled only seccompProfile
    /// (RuntimeDefault or Unconfined) passes; kubernetes.podspec-securitycontext enabled allows runAsUser, runAsGroup,
    /// runAsNonRoot, fsGroup, supplementalGroups and seccompProfile; otherwise none. A field outside makes the Knative Service
    /// KServe creates invalid, so the model never becomes Ready.
    /// </summary>
    private static string? KnativeKeeps(JsonObject? podSecurity, JsonObject? features)
    {
        if (podSecurity is null || podSecurity.Count == 0) return null;
        var podSpec = string.Equals(Nodes.Text(features?["data"]?["kubernetes.podspec-securitycontext"]), "Enabled", StringComparison.OrdinalIgnoreCase);
        string[] allowed = podSpec ? ["runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "supplementalGroups", "seccompProfile"]
            : KnativeSecureDefaults.Enabled(features) ? ["seccompProfile"] : [];
        var refused = podSecurity.Select(p => p.Key).Where(k => !allowed.Contains(k)).ToList();
        if (!podSpec && podSecurity["seccompProfile"]?["type"] is { } type && Nodes.Text(type) is not ("RuntimeDefault" or "Unconfined") && allowed.Length > 0)
            refused.Add("seccompProfile.type " + Nodes.Text(type));
        return refused.Count == 0 ? null
            : $"Knative refuses the predictor's pod securityContext field(s) {string.Join(", ", refused)} with its features in " +
              "platform/knative (config-features: secure-pod-defaults Enabled keeps seccompProfile RuntimeDefault only); set them on the " +
              "model container instead, or enable the feature that allows them";
    }

    /// <summary>
    /// istiod with <c>cni.enabled</c> injects istio-validation, which fails every pod until Istio's CNI node agent has installed
    /// the plugin on the node (istio/istio@1.26.2 manifests/charts/istio-cni): the lock must install the cni chart, at istiod's version.
    /// </summary>
    private static IEnumerable<ValidationError> CniChart(string manifestsDir, VersionLock versionLock)
    {
        var istiod = versionLock.Charts.FirstOrDefault(p => p.Value.Chart == "istiod");
        if (istiod.Key is null || !Emulator.Admission.SidecarSettings.FromHelmValues(Nodes.Values(manifestsDir, istiod.Key).Values).Cni) yield break;
        var cni = versionLock.Charts.FirstOrDefault(p => p.Value.Chart == "cni");
        if (cni.Key is null)
            yield return new(VersionLock.FileName, null, ".charts",
                $"values/{istiod.Key}.yaml enables Istio's CNI (cni.enabled), but no chart cni is installed: every injected pod's istio-validation " +
                $"would fail. Add a release of chart cni {istiod.Value.Version} in {istiod.Value.Namespace}");
        else if (cni.Value.Version != istiod.Value.Version)
            yield return new(VersionLock.FileName, $"chart cni (release {cni.Key})", $".charts.{cni.Key}.version",
                $"is {cni.Value.Version}, istiod is {istiod.Value.Version}: install the CNI plugin of the same Istio release");
    }
}
