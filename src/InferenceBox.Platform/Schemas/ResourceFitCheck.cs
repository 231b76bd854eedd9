using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using k8s.Models;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Every container's limits and requests fit the <c>max</c> of its namespace's Container LimitRanges, so admission
/// does not refuse the pod: the LimitRanger plugin rejects a container whose limit or request is above max
/// (kubernetes/kubernetes plugin/pkg/admission/limitranger/admission.go, maxConstraint: "maximum memory usage per
/// Container is 2Gi, but limit is 3Gi"). For an InferenceService that refusal surfaces only as a revision that never
/// gets a pod, long after apply. Containers are read from pod templates and from InferenceService components
/// (the model spec and <c>containers</c> of predictor, transformer and explainer).
/// </summary>
public static class ResourceFitCheck
{
    private static readonly string[] PodTemplateKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];
    private static readonly string[] Components = ["predictor", "transformer", "explainer"];

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var maxima = objects.Where(o => o is { Kind: "LimitRange", ApiVersion: "v1" })
            .SelectMany(o => (o.Body["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(l => l["type"]?.ToString() == "Container" && l["max"] is JsonObject)
                .Select(l => (o.Namespace, Range: o, Max: (JsonObject)l["max"]!)))
            .ToLookup(m => m.Namespace);
        foreach (var o in objects)
        {
            if (!maxima.Contains(o.Namespace)) continue;
            foreach (var (path, resources) in Containers(o))
                foreach (var (_, range, max) in maxima[o.Namespace])
                    foreach (var (resource, maxValue) in max)
                        foreach (var bucket in new[] { "limits", "requests" })
                            if (resources[bucket]?[resource] is { } value && Exceeds(value, maxValue) is { } problem)
                                yield return new ValidationError(o.File, o.Describe(), $"{path}.resources.{bucket}.{resource}",
                                    $"{bucket[..^1]} {value} {problem} {maxValue}, the maximum per container of LimitRange " +
                                    $"{range.Namespace}/{range.Name} ({range.File}): admission would refuse the pod. Lower it to at most {maxValue}");
        }
    }

    /// <summary>(field path, resources object) of every container the object defines.</summary>
    private static IEnumerable<(string Path, JsonObject Resources)> Containers(ManifestObject o)
    {
        var spec = o.Body["spec"];
        if (o.Kind == "Pod") return PodContainers(spec, ".spec");
        if (PodTemplateKinds.Contains(o.Kind)) return PodContainers(spec?["template"]?["spec"], ".spec.template.spec");
        if (o.Kind == "CronJob") return PodContainers(spec?["jobTemplate"]?["spec"]?["template"]?["spec"], ".spec.jobTemplate.spec.template.spec");
        if (o.Kind != "InferenceService") return [];
        // kserve/kserve@v0.15.2 pkg/apis/serving/v1beta1: a component holds a model spec (model, or a framework key such
        // as sklearn) whose resources are the kserve-container's, plus PodSpec containers.
        return Components.SelectMany(c => spec?[c] is JsonObject component
            ? component.SelectMany(field => field.Key == "containers"
                ? PodContainers(component, $".spec.{c}")
                : field.Value is JsonObject model && model["resources"] is JsonObject r ? [($".spec.{c}.{field.Key}", r)] : [])
            : []);
    }

    private static IEnumerable<(string, JsonObject)> PodContainers(JsonNode? podSpec, string at)
    {
        foreach (var list in new[] { "containers", "initContainers" })
        {
            var containers = podSpec?[list] as JsonArray ?? [];
            for (var i = 0; i < containers.Count; i++)
                if (containers[i]?["resources"] is JsonObject resources) yield return ($"{at}.{list}[{i}]", resources);
        }
    }

    /// <summary>"is above" when value > max; "is not a Kubernetes quantity (…), so cannot be compared with" when unreadable; else null.</summary>
    private static string? Exceeds(JsonNode value, JsonNode? max)
    {
        try
        {
            return new ResourceQuantity(value.ToString()).ToDecimal() > new ResourceQuantity(max?.ToString()).ToDecimal() ? "is above" : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return $"is not a Kubernetes quantity ({e.Message}), so it cannot be compared with";
        }
    }
}
