using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// How much of a quota an object uses, after kubernetes/kubernetes pkg/quota/v1/evaluator/core/pods.go
/// (<c>PodUsageFunc</c>, <c>podComputeUsageHelper</c>, <c>Constraints</c>), persistent_volume_claims.go and
/// services.go, and kubernetes/apiserver@v0.32.5 pkg/quota/v1/generic (object counts <c>count/&lt;resource&gt;[.&lt;group&gt;]</c>;
/// the legacy names <c>configmaps</c>, <c>secrets</c>, <c>services</c>, ... of core/registry.go).
/// Not imitated: hugepages, extended resources, per-StorageClass PVC quotas, services.nodeports/loadbalancers.
/// </summary>
public static class QuotaEvaluators
{
    private static readonly string[] Compute = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory",
        "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage", "pods"];

    /// <summary>"it was a mistake, but if a quota tracks cpu or memory related resources, the incoming pod is required to have those values set" (pods.go).</summary>
    private static readonly string[] MustBeSet = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    private static readonly string[] LegacyCounts = ["configmaps", "secrets", "services", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas"];

    public static string CountName(ApiResource r) => "count/" + r.GroupResource;

    /// <summary>The quota resource names an evaluator for <paramref name="r"/> tracks, among <paramref name="hard"/>.</summary>
    public static IReadOnlyList<string> Matching(ApiResource r, IEnumerable<string> hard) => hard.Where(name =>
        name == CountName(r)
        || r.Group == "" && r.Kind == "Pod" && Compute.Contains(name)
        || r.Group == "" && LegacyCounts.Contains(name) && name == r.Plural
        || r.Group == "" && r.Kind == "PersistentVolumeClaim" && name == "requests.storage").ToList();

    /// <summary>Whether this write is charged: pods and object counts on create; PVC storage on create and update.</summary>
    public static bool Handles(AdmissionRequest request) =>
        request.Subresource is null && (request.Operation == AdmissionRequest.Create
            || request.Operation == AdmissionRequest.Update && request.Is("", "PersistentVolumeClaim"));

    public static Dictionary<string, Quantity> Usage(ApiResource r, JsonObject obj)
    {
        var usage = new Dictionary<string, Quantity> { [CountName(r)] = One };
        if (r.Group != "") return usage;
        if (LegacyCounts.Contains(r.Plural)) usage[r.Plural] = One;
        if (r.Kind == "Pod" && !Terminal(obj)) Quantity.AddInto(usage, Compute_(PodResources.PodRequests(obj), PodResources.PodLimits(obj)));
        if (r.Kind == "PersistentVolumeClaim" && Quantity.Of(obj["spec"]?["resources"]?["requests"]?["storage"]) is { } storage)
            usage["requests.storage"] = storage;
        return usage;
    }

    /// <summary><c>Constraints</c>: "must specify limits.memory for: c1,c2; requests.cpu for: c1", or null.</summary>
    public static string? Constraints(ApiResource r, IEnumerable<string> required, JsonObject obj)
    {
        if (r.Group != "" || r.Kind != "Pod") return null;
        var needed = required.Intersect(MustBeSet).ToHashSet();
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var c in PodResources.Containers(obj).Concat(PodResources.InitContainers(obj)))
        {
            var has = Compute_(PodResources.Requests(c), PodResources.Limits(c)).Keys;
            foreach (var name in needed.Except(has))
            {
                if (!missing.TryGetValue(name, out var containers)) missing[name] = containers = new(StringComparer.Ordinal);
                containers.Add(c["name"]?.GetValue<string>() ?? "");
            }
        }
        return missing.Count == 0 ? null : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(",", m.Value)}"));
    }

    private static readonly Quantity One = new(1, k8s.Models.ResourceQuantity.SuffixFormat.DecimalSI);

    /// <summary><c>podComputeUsageHelper</c>.</summary>
    private static Dictionary<string, Quantity> Compute_(Dictionary<string, Quantity> requests, Dictionary<string, Quantity> limits)
    {
        var result = new Dictionary<string, Quantity> { ["pods"] = One };
        foreach (var name in new[] { "cpu", "memory", "ephemeral-storage" })
        {
            if (requests.TryGetValue(name, out var req)) result[name] = result["requests." + name] = req;
            if (limits.TryGetValue(name, out var lim)) result["limits." + name] = lim;
        }
        return result;
    }

    /// <summary>Pods in a terminal phase, or marked for deletion, are not charged for compute (<c>QuotaV1Pod</c>).</summary>
    private static bool Terminal(JsonObject pod) =>
        pod["status"]?["phase"]?.GetValue<string>() is "Succeeded" or "Failed" || pod["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>A quota's scopes (BestEffort, NotBestEffort, Terminating, NotTerminating) that the object must match.</summary>
    public static bool MatchesScopes(JsonObject quota, ApiResource r, JsonObject obj)
    {
        foreach (var scope in quota["spec"]?["scopes"]?.AsArray().Select(s => s?.GetValue<string>()) ?? [])
        {
            if (r.Kind != "Pod") return false;
            var bestEffort = PodResources.Containers(obj).Concat(PodResources.InitContainers(obj))
                .All(c => PodResources.Requests(c).Count == 0 && PodResources.Limits(c).Count == 0);
            var terminating = obj["spec"]?["activeDeadlineSeconds"] is JsonValue v && long.TryParse(v.ToJsonString(), out var s) && s >= 0;
            var ok = scope switch
            {
                "BestEffort" => bestEffort, "NotBestEffort" => !bestEffort,
                "Terminating" => terminating, "NotTerminating" => !terminating,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
