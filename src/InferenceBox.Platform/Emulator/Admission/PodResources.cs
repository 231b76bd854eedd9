using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// What a pod asks for, as kubernetes/kubernetes pkg/api/v1/resource/helpers.go (<c>PodRequests</c>,
/// <c>PodLimits</c>; the LimitRanger keeps a copy, plugin/pkg/admission/limitranger/admission.go) adds it up:
/// the containers' sum, raised to any single init container's need, restartable (sidecar) init containers
/// counted like containers, plus the pod overhead for requests.
/// </summary>
public static class PodResources
{
    public static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod["spec"]?["containers"]?.AsArray() ?? []).OfType<JsonObject>();

    public static IEnumerable<JsonObject> InitContainers(JsonObject pod) =>
        (pod["spec"]?["initContainers"]?.AsArray() ?? []).OfType<JsonObject>();

    public static Dictionary<string, Quantity> Requests(JsonObject container) => Quantity.List(container["resources"]?["requests"]);

    public static Dictionary<string, Quantity> Limits(JsonObject container) => Quantity.List(container["resources"]?["limits"]);

    public static Dictionary<string, Quantity> PodRequests(JsonObject pod)
    {
        var total = Sum(pod, Requests);
        Quantity.AddInto(total, Quantity.List(pod["spec"]?["overhead"]));
        return total;
    }

    public static Dictionary<string, Quantity> PodLimits(JsonObject pod) => Sum(pod, Limits);

    private static Dictionary<string, Quantity> Sum(JsonObject pod, Func<JsonObject, Dictionary<string, Quantity>> of)
    {
        var total = new Dictionary<string, Quantity>();
        foreach (var c in Containers(pod)) Quantity.AddInto(total, of(c));
        var sidecars = new Dictionary<string, Quantity>();
        var init = new Dictionary<string, Quantity>();
        foreach (var c in InitContainers(pod))
        {
            Dictionary<string, Quantity> need;
            if (c["restartPolicy"]?.GetValue<string>() == "Always")
            {
                Quantity.AddInto(total, of(c));
                Quantity.AddInto(sidecars, of(c));
                need = new Dictionary<string, Quantity>(sidecars);
            }
            else
            {
                need = new Dictionary<string, Quantity>(of(c));
                Quantity.AddInto(need, sidecars);
            }
            Quantity.MaxInto(init, need);
        }
        Quantity.MaxInto(total, init);
        return total;
    }
}
