using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// LimitRanger, as kubernetes/kubernetes plugin/pkg/admission/limitranger/admission.go does it at v1.32 (read in a
/// v1.27–v1.32 stored version: the wording has no trailing period since v1.27): on Pod creation (never on pod
/// updates, never on subresources) the namespace's LimitRanges first default each container's missing requests and
/// limits (<c>defaultRequest</c>, <c>default</c>) and annotate the pod; then every container and init container is
/// checked against <c>min</c>, <c>max</c> and <c>maxLimitRequestRatio</c> of the Container limits and the pod's sums
/// against the Pod limits; PersistentVolumeClaims' storage requests against the PersistentVolumeClaim limits.
/// Refusals read <c>pods "x" is forbidden: maximum memory usage per Container is 2Gi, but limit is 3Gi</c>.
/// </summary>
public sealed class LimitRanger : IAdmissionPlugin
{
    public string Name => "LimitRanger";

    private static bool Applies(AdmissionRequest r) =>
        r.Subresource is null && r.Object is not null && r.OldObject?["metadata"]?["deletionTimestamp"] is null &&
        (r.Is("", "Pod") && r.Operation == AdmissionRequest.Create || r.Is("", "PersistentVolumeClaim") && r.Operation != AdmissionRequest.Delete);

    public void Admit(AdmissionRequest request, AdmissionContext context)
    {
        if (!Applies(request) || !request.Is("", "Pod")) return;
        foreach (var limitRange in context.List("", "v1", "LimitRange", request.Namespace))
            Default(request.Object!, limitRange);
    }

    public void Validate(AdmissionRequest request, AdmissionContext context)
    {
        if (!Applies(request)) return;
        foreach (var limitRange in context.List("", "v1", "LimitRange", request.Namespace))
        {
            var errors = request.Is("", "Pod") ? LimitRangeRules.CheckPod(request.Object!, limitRange) : LimitRangeRules.CheckClaim(request.Object!, limitRange);
            if (errors.Count > 0)
                throw ApiError.Forbidden(request.Resource, request.Name, errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }
    }

    /// <summary><c>defaultContainerResourceRequirements</c> + <c>mergePodResourceRequirements</c>.</summary>
    private static void Default(JsonObject pod, JsonObject limitRange)
    {
        var defaultRequests = new JsonObject();
        var defaultLimits = new JsonObject();
        foreach (var limit in Limits(limitRange).Where(l => l["type"]?.GetValue<string>() == "Container"))
        {
            foreach (var (k, v) in limit["defaultRequest"] as JsonObject ?? []) defaultRequests[k] = v?.DeepClone();
            foreach (var (k, v) in limit["default"] as JsonObject ?? []) defaultLimits[k] = v?.DeepClone();
        }
        var notes = new List<string>();
        foreach (var (containers, what) in new[] { (PodResources.Containers(pod), "container"), (PodResources.InitContainers(pod), "init container") })
            foreach (var container in containers)
            {
                var resources = container["resources"] as JsonObject ?? new JsonObject();
                container["resources"] = resources;
                var setRequests = Fill(resources, "requests", defaultRequests);
                var setLimits = Fill(resources, "limits", defaultLimits);
                var name = container["name"]?.GetValue<string>();
                if (setRequests.Count > 0) notes.Add($"{string.Join(", ", setRequests)} request for {what} {name}");
                if (setLimits.Count > 0) notes.Add($"{string.Join(", ", setLimits)} limit for {what} {name}");
            }
        if (notes.Count == 0) return;
        var metadata = (JsonObject)pod["metadata"]!;
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = annotations;
        annotations["kubernetes.io/limit-ranger"] = "LimitRanger plugin set: " + string.Join("; ", notes);
    }

    private static List<string> Fill(JsonObject resources, string field, JsonObject defaults)
    {
        var list = resources[field] as JsonObject ?? new JsonObject();
        var set = new List<string>();
        foreach (var (k, v) in defaults)
        {
            if (list.ContainsKey(k)) continue;
            list[k] = v?.DeepClone();
            set.Add(k);
        }
        if (list.Count > 0) resources[field] = list;
        set.Sort(StringComparer.Ordinal);
        return set;
    }

    internal static IEnumerable<JsonObject> Limits(JsonObject limitRange) => (limitRange["spec"]?["limits"]?.AsArray() ?? []).OfType<JsonObject>();
}
