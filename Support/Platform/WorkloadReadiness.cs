using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;

namespace InferenceBox.Specs.Support.Platform;

/// <summary>
/// "Ready at the current generation" for what the platform-readiness feature reads, one rule per kind, on the object's
/// JSON (so the rules can move onto the one Kubernetes adapter's readiness table as they are):
/// <list type="bullet">
/// <item>Deployment and StatefulSet: kubectl's rollout status (kubernetes/kubernetes
/// staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, read at commit 18ff3ed0: DeploymentStatusViewer
/// and StatefulSetStatusViewer) — the controller has observed the current generation and every replica is updated and
/// ready or available — and, for a Deployment, its Available condition, which alone stays True during a rollout.</item>
/// <item>Gateway: Programmed True for the current generation (the condition's observedGeneration, Gateway API's
/// metav1.Condition).</item>
/// </list>
/// </summary>
public static class WorkloadReadiness
{
    public static WaitVerdict Deployment(JsonNode d)
    {
        var (generation, observed) = (Long(d["metadata"]?["generation"]), Long(d["status"]?["observedGeneration"]));
        var wanted = d["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var w) ? w : (long?)null;
        var status = d["status"];
        var (replicas, updated, available) = (Long(status?["replicas"]), Long(status?["updatedReplicas"]), Long(status?["availableReplicas"]));
        var availableCondition = Condition(d, "Available");
        var state = $"Available={availableCondition?["status"] ?? "unknown"}, replicas {replicas} (updated {updated}, available {available}) " +
                    $"of {wanted?.ToString() ?? "?"}, observedGeneration {observed}/{generation}";
        if (generation > observed) return new(false, "the current spec is not observed yet; " + state);
        if ((string?)Condition(d, "Progressing")?["reason"] == "ProgressDeadlineExceeded") return new(false, "its rollout exceeded the progress deadline; " + state);
        if (wanted is { } n && updated < n) return new(false, $"{updated} of {n} replicas updated; " + state);
        if (replicas > updated) return new(false, $"{replicas - updated} old replicas still running; " + state);
        if (available < updated) return new(false, $"{available} of {updated} updated replicas available; " + state);
        return new((string?)availableCondition?["status"] == "True", state);
    }

    public static WaitVerdict StatefulSet(JsonNode s)
    {
        var (generation, observed) = (Long(s["metadata"]?["generation"]), Long(s["status"]?["observedGeneration"]));
        var wanted = s["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var w) ? w : 1;
        var status = s["status"];
        var (ready, updated) = (Long(status?["readyReplicas"]), Long(status?["updatedReplicas"]));
        var (current, update) = ((string?)status?["currentRevision"], (string?)status?["updateRevision"]);
        var state = $"replicas {wanted} (ready {ready}, updated {updated}), revision {current ?? "?"} -> {update ?? "?"}, observedGeneration {observed}/{generation}";
        if (observed == 0 || generation > observed) return new(false, "the current spec is not observed yet; " + state);
        if (ready < wanted) return new(false, $"{wanted - ready} replicas not ready; " + state);
        var partition = s["spec"]?["updateStrategy"]?["rollingUpdate"]?["partition"] is JsonValue p && p.TryGetValue<long>(out var part) ? part : (long?)null;
        if (partition is { } k) return new(updated >= wanted - k, state);
        return new(updated >= wanted && current == update, state);
    }

    public static WaitVerdict Gateway(JsonNode g)
    {
        var programmed = Condition(g, "Programmed");
        var generation = Long(g["metadata"]?["generation"]);
        var state = $"Programmed={programmed?["status"] ?? "missing"}{(programmed?["message"] is { } m ? $" ({m})" : "")}, generation {generation}";
        if (programmed is null) return new(false, state);
        if (programmed["observedGeneration"] is JsonValue o && o.TryGetValue<long>(out var seen) && seen != generation)
            return new(false, $"Programmed describes generation {seen}; " + state);
        return new((string?)programmed["status"] == "True", state);
    }

    private static JsonNode? Condition(JsonNode obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray ?? []).FirstOrDefault(c => (string?)c?["type"] == type);

    private static long Long(JsonNode? n) => n is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
}
