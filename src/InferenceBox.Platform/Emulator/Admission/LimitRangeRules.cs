using System.Globalization;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// The min/max/ratio checks of plugin/pkg/admission/limitranger/admission.go (<c>minConstraint</c>,
/// <c>maxConstraint</c>, <c>maxRequestConstraint</c>, <c>limitRequestRatioConstraint</c>, <c>PodValidateLimitFunc</c>,
/// <c>PersistentVolumeClaimValidateLimitFunc</c>), with their texts. Resources are taken in name order (Go iterates a
/// map, in no fixed order).
/// </summary>
public static class LimitRangeRules
{
    public static List<string> CheckPod(JsonObject pod, JsonObject limitRange)
    {
        var errors = new List<string>();
        foreach (var limit in LimitRanger.Limits(limitRange))
        {
            var type = limit["type"]?.GetValue<string>();
            if (type == "Container")
                foreach (var c in PodResources.Containers(pod).Concat(PodResources.InitContainers(pod)))
                    Check(limit, type, PodResources.Requests(c), PodResources.Limits(c), errors);
            if (type == "Pod")
                Check(limit, type, PodResources.PodRequests(pod), PodResources.PodLimits(pod), errors);
        }
        return errors;
    }

    public static List<string> CheckClaim(JsonObject claim, JsonObject limitRange)
    {
        var errors = new List<string>();
        var requests = Quantity.List(claim["spec"]?["resources"]?["requests"]);
        foreach (var limit in LimitRanger.Limits(limitRange).Where(l => l["type"]?.GetValue<string>() == "PersistentVolumeClaim"))
        {
            foreach (var (name, min) in Sorted(limit["min"]))
                Add(errors, Min("PersistentVolumeClaim", name, min, requests, []));
            foreach (var (name, max) in Sorted(limit["max"]))
                Add(errors, !requests.TryGetValue(name, out var req) ? $"maximum {name} usage per PersistentVolumeClaim is {max}.  No request is specified"
                    : req.Value > max.Value ? $"maximum {name} usage per PersistentVolumeClaim is {max}, but request is {req}" : null);
        }
        return errors;
    }

    private static void Check(JsonObject limit, string type, Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits, List<string> errors)
    {
        foreach (var (name, min) in Sorted(limit["min"])) Add(errors, Min(type, name, min, requests, limits));
        foreach (var (name, max) in Sorted(limit["max"])) Add(errors, Max(type, name, max, requests, limits));
        foreach (var (name, ratio) in Sorted(limit["maxLimitRequestRatio"])) Add(errors, Ratio(type, name, ratio, requests, limits));
    }

    private static string? Min(string type, string name, Quantity enforced, Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits)
    {
        if (!requests.TryGetValue(name, out var req)) return $"minimum {name} usage per {type} is {enforced}.  No request is specified";
        if (req.Value < enforced.Value) return $"minimum {name} usage per {type} is {enforced}, but request is {req}";
        if (limits.TryGetValue(name, out var lim) && lim.Value < enforced.Value) return $"minimum {name} usage per {type} is {enforced}, but limit is {lim}";
        return null;
    }

    private static string? Max(string type, string name, Quantity enforced, Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits)
    {
        if (!limits.TryGetValue(name, out var lim)) return $"maximum {name} usage per {type} is {enforced}.  No limit is specified";
        if (lim.Value > enforced.Value) return $"maximum {name} usage per {type} is {enforced}, but limit is {lim}";
        if (requests.TryGetValue(name, out var req) && req.Value > enforced.Value) return $"maximum {name} usage per {type} is {enforced}, but request is {req}";
        return null;
    }

    private static string? Ratio(string type, string name, Quantity enforced, Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits)
    {
        if (!requests.TryGetValue(name, out var req) || req.Value == 0)
            return $"{name} max limit to request ratio per {type} is {enforced}, but no request is specified or request is 0";
        if (!limits.TryGetValue(name, out var lim) || lim.Value == 0)
            return $"{name} max limit to request ratio per {type} is {enforced}, but no limit is specified or limit is 0";
        var observed = lim.Value / req.Value;
        return observed > enforced.Value
            ? $"{name} max limit to request ratio per {type} is {enforced}, but provided ratio is {observed.ToString("F6", CultureInfo.InvariantCulture)}"
            : null;
    }

    private static IEnumerable<(string Name, Quantity Value)> Sorted(JsonNode? list) =>
        Quantity.List(list).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

    private static void Add(List<string> errors, string? error)
    {
        if (error is not null) errors.Add(error);
    }
}
