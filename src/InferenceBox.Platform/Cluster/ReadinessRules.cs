using InferenceBox.Platform.Waiting;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Cluster;

/// <summary>
/// The one rule per kind for "ready at its current generation", used by every wait and probe (provisioner, attach
/// check, drivers). Each rule follows what the kind's own controller writes, so it can neither pass on a stale
/// status nor wait for a field the controller never sets.
/// </summary>
public static class ReadinessRules
{
    public static WaitVerdict Of(JsonObject? obj)
    {
        if (obj is null) return new(false, "not found");
        var apiVersion = (string?)obj["apiVersion"] ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.LastIndexOf('/')] : "";
        return (group, (string?)obj["kind"]) switch
        {
            ("apps", "Deployment") => Deployment(obj),
            ("apps", "StatefulSet") => StatefulSet(obj),
            ("apps", "DaemonSet") => DaemonSet(obj),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => Condition(obj, "Established", checkGeneration: false),
            ("", "Endpoints") => Endpoints(obj),
            ("serving.kserve.io", "InferenceService") => InferenceService(obj),
            ("gateway.networking.k8s.io", "Gateway") => Condition(obj, "Programmed", checkGeneration: true),
            _ => Condition(obj, "Ready", checkGeneration: true),
        };
    }

    /// <summary>
    /// kubectl's "rollout status" (kubernetes staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go,
    /// <c>DeploymentStatusViewer.Status</c>, read at commit 18ff3ed0): the controller has observed the current
    /// generation, the rollout has not timed out, every replica is updated, no old replica is left, every updated
    /// replica is available; and the Available condition is True. Available alone stays True during a rollout.
    /// </summary>
    private static WaitVerdict Deployment(JsonObject d)
    {
        var status = d["status"];
        long Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
        var generation = Long(d["metadata"]?["generation"]);
        var observed = Long(status?["observedGeneration"]);
        var wanted = d["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var w) ? w : (long?)null;
        var (replicas, updated, available) = (Long(status?["replicas"]), Long(status?["updatedReplicas"]), Long(status?["availableReplicas"]));
        var availableCondition = Find(d, "Available");
        var progressing = Find(d, "Progressing");
        // A pod the ReplicaSet could not create (admission refused it) shows as ReplicaFailure, copied from the ReplicaSet
        // (kubernetes pkg/controller/deployment/progress.go, syncRolloutStatus / getReplicaFailures): why the rollout cannot finish.
        var failure = Find(d, "ReplicaFailure") is { } f && Text(f, "status") == "True" ? $"; ReplicaFailure: {Text(f, "message")}" : "";
        var state = $"Available={Text(availableCondition, "status") ?? "unknown"}{Detail(availableCondition)}, " +
                    $"replicas {replicas} (updated {updated}, available {available}) of {wanted?.ToString() ?? "?"}, observedGeneration {observed}/{generation}{failure}";
        if (generation > observed) return new(false, "waiting for the spec update to be observed; " + state);
        if (Text(progressing, "reason") == "ProgressDeadlineExceeded") return new(false, "exceeded its progress deadline; " + state);
        if (wanted is { } n && updated < n) return new(false, $"rollout: {updated} of {n} new replicas updated; " + state);
        if (replicas > updated) return new(false, $"rollout: {replicas - updated} old replicas pending termination; " + state);
        if (available < updated) return new(false, $"rollout: {available} of {updated} updated replicas available; " + state);
        return new(Text(availableCondition, "status") == "True", state);
    }

    /// <summary>
    /// kubectl's rollout status for a StatefulSet (the same rollout_status.go, <c>StatefulSetStatusViewer.Status</c>):
    /// the current generation observed, every replica ready, and the update finished (every replica updated and the
    /// current revision the update revision; with a partition, the replicas above it updated).
    /// </summary>
    private static WaitVerdict StatefulSet(JsonObject s)
    {
        long Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
        var (generation, observed) = (Long(s["metadata"]?["generation"]), Long(s["status"]?["observedGeneration"]));
        var wanted = s["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var w) ? w : 1;
        var status = s["status"];
        var (ready, updated) = (Long(status?["readyReplicas"]), Long(status?["updatedReplicas"]));
        var (current, update) = ((string?)status?["currentRevision"], (string?)status?["updateRevision"]);
        var state = $"replicas {wanted} (ready {ready}, updated {updated}), revision {current ?? "?"} -> {update ?? "?"}, observedGeneration {observed}/{generation}";
        if (observed == 0 || generation > observed) return new(false, "waiting for the spec update to be observed; " + state);
        if (ready < wanted) return new(false, $"{wanted - ready} replicas not ready; " + state);
        var partition = s["spec"]?["updateStrategy"]?["rollingUpdate"]?["partition"] is JsonValue p && p.TryGetValue<long>(out var part) ? part : (long?)null;
        if (partition is { } k) return new(updated >= wanted - k, state);
        return new(updated >= wanted && current == update, state);
    }

    /// <summary>
    /// kubectl's rollout status for a DaemonSet (the same rollout_status.go, <c>DaemonSetStatusViewer.Status</c>): the
    /// current generation observed, every desired pod updated and available. One thing more than kubectl: a DaemonSet
    /// that wants no pod at all (its node selector matches no node) is not ready, since what it installs on the node
    /// (Istio's CNI plugin) would then be nowhere.
    /// </summary>
    private static WaitVerdict DaemonSet(JsonObject d)
    {
        long Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
        var (generation, observed) = (Long(d["metadata"]?["generation"]), Long(d["status"]?["observedGeneration"]));
        var status = d["status"];
        var (desired, updated, available) = (Long(status?["desiredNumberScheduled"]), Long(status?["updatedNumberScheduled"]), Long(status?["numberAvailable"]));
        var state = $"desired {desired} (updated {updated}, available {available}, ready {Long(status?["numberReady"])}), observedGeneration {observed}/{generation}";
        if (observed == 0 || generation > observed) return new(false, "waiting for the spec update to be observed; " + state);
        if (desired == 0) return new(false, "no node wants a pod of it; " + state);
        if (updated < desired) return new(false, $"rollout: {updated} of {desired} new pods updated; " + state);
        if (available < desired) return new(false, $"rollout: {available} of {desired} updated pods available; " + state);
        return new(true, state);
    }

    /// <summary>
    /// KServe 0.15.2 in Serverless mode copies <c>status.observedGeneration</c> from the Knative Service
    /// (kserve/kserve@v0.15.2 pkg/apis/serving/v1beta1/inference_service_status.go, <c>PropagateStatus</c>:
    /// <c>ss.ObservedGeneration = serviceStatus.ObservedGeneration</c>), so it is not the InferenceService's own
    /// generation and comparing the two can wait forever. Ready is: the Ready condition True, and for every component
    /// the newest revision Knative created is the ready one (status.components.*.latestCreatedRevision ==
    /// latestReadyRevision, set by the same function).
    /// </summary>
    private static WaitVerdict InferenceService(JsonObject isvc)
    {
        var state = Summary(isvc);
        var ready = Find(isvc, "Ready");
        if (ready is null) return new(false, $"no Ready condition yet; {state}");
        foreach (var (component, value) in isvc["status"]?["components"] as JsonObject ?? [])
            if ((string?)value?["latestCreatedRevision"] is { } created && (string?)value?["latestReadyRevision"] != created)
                return new(false, $"{component}: revision {created} created, ready is {(string?)value?["latestReadyRevision"] ?? "none"}; {state}");
        return new(Text(ready, "status") == "True", state);
    }

    /// <summary>
    /// core/v1 Endpoints: a subset with at least one ready address (not-ready ones are in notReadyAddresses), which is
    /// what the API server needs to call a webhook (kubernetes/apiserver@v0.32.5 pkg/util/proxy/proxy.go, ResolveEndpoint).
    /// </summary>
    private static WaitVerdict Endpoints(JsonObject endpoints)
    {
        var subsets = (endpoints["subsets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var ready = subsets.Sum(s => (s["addresses"] as JsonArray)?.Count ?? 0);
        var notReady = subsets.Sum(s => (s["notReadyAddresses"] as JsonArray)?.Count ?? 0);
        return new(ready > 0, $"{ready} ready and {notReady} not-ready addresses");
    }

    /// <summary>
    /// A condition True for the current spec: metav1.Condition's observedGeneration (or status.observedGeneration)
    /// is the generation the condition was computed from (kubernetes staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go,
    /// <c>Condition.ObservedGeneration</c>); Gateway API's conformance helpers check the same for Gateways.
    /// </summary>
    public static WaitVerdict Condition(JsonObject obj, string type, bool checkGeneration)
    {
        var condition = Find(obj, type);
        var summary = Summary(obj);
        if (condition is null) return new(false, $"no {type} condition yet; {summary}");
        var generation = obj["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var gen) ? gen : (long?)null;
        var observed = (condition["observedGeneration"] ?? obj["status"]?["observedGeneration"]) is JsonValue o && o.TryGetValue<long>(out var obs) ? obs : (long?)null;
        if (checkGeneration && generation is { } current && observed is { } seen && seen != current)
            return new(false, $"{type} describes generation {seen}, the spec is at {current}; {summary}");
        return new(Text(condition, "status") == "True", summary);
    }

    public static JsonObject? Find(JsonNode? obj, string type) =>
        (obj?["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    /// <summary>"Ready=False (RevisionMissing: …), IngressReady=True" — what a timeout message shows.</summary>
    public static string Summary(JsonNode obj)
    {
        var conditions = (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => $"{c["type"]}={c["status"]}{Detail(c)}").ToList();
        return conditions.Count == 0 ? "no conditions" : string.Join(", ", conditions);
    }

    private static string Detail(JsonObject? c) =>
        Text(c, "reason") is { Length: > 0 } || Text(c, "message") is { Length: > 0 }
            ? $" ({Text(c, "reason")}{(Text(c, "message") is { Length: > 0 } m ? ": " + m : "")})"
            : "";

    private static string? Text(JsonObject? c, string field) => (string?)c?[field];
}
