using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The ReplicaSet controller (kubernetes/kubernetes pkg/controller/replicaset/replica_set.go): creates the missing pods
/// from the template (<c>generateName: &lt;rs&gt;-</c>, owned by the ReplicaSet) through the API, so admission applies;
/// a refusal sets the <c>ReplicaFailure</c> condition (reason <c>FailedCreate</c>, the error's text as message;
/// replica_set_utils.go <c>calculateStatus</c>) and records a Warning event <c>FailedCreate</c> "Error creating: ..."
/// (controller_utils.go); surplus pods are deleted. Unlike the real one it retries only when the ReplicaSet, its pods
/// or its namespace's LimitRanges, quotas or labels change, not on a backoff timer.
/// </summary>
public sealed class ReplicaSetController(ControllerSupport support) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        var ns = change.Namespace ?? (change.Resource.Kind == "Namespace" ? change.Name : null);
        if (ns is null) return;
        var kind = change.Resource.Kind;
        var relevant = change.Resource.Group == "apps" && kind == "ReplicaSet"
            || change.Resource.Group == "" && kind is "Pod" or "LimitRange" or "ResourceQuota" or "Namespace";
        if (!relevant) return;
        var replicaSets = support.Resource("apps/v1", "ReplicaSet");
        foreach (var rs in support.Ops.Store.List(replicaSets, ns).Items.Where(r => r["metadata"]?["deletionTimestamp"] is null))
            await SyncAsync(rs, ct);
    }

    private async Task SyncAsync(JsonObject rs, CancellationToken ct)
    {
        var pods = support.Resource("v1", "Pod");
        var ns = rs["metadata"]!["namespace"]!.GetValue<string>();
        var owned = support.Ops.Store.List(pods, ns).Items
            .Where(p => ControllerSupport.IsOwnedBy(p, rs) && p["metadata"]?["deletionTimestamp"] is null && p["status"]?["phase"]?.ToString() is not ("Succeeded" or "Failed"))
            .ToList();
        var wanted = rs["spec"]?["replicas"] is JsonValue r && int.TryParse(r.ToJsonString(), out var n) ? n : 1; // apps/v1 defaults: replicas 1
        ApiError? failure = null;
        for (var i = owned.Count; i < wanted && failure is null; i++)
        {
            try { owned.Add((await support.Ops.CreateAsync(pods, ns, Pod(rs), new WriteOptions("kube-controller-manager"), ct)).Object); }
            catch (ApiError e) { failure = e; }
        }
        foreach (var extra in owned.Skip(wanted).ToList())
        {
            await support.Ops.DeleteAsync(pods, ns, extra["metadata"]!["name"]!.GetValue<string>(), new WriteOptions("kube-controller-manager"), ct);
            owned.Remove(extra);
        }
        await WriteStatusAsync(rs, owned, failure, ct);
    }

    private async Task WriteStatusAsync(JsonObject rs, List<JsonObject> pods, ApiError? failure, CancellationToken ct)
    {
        var status = (rs["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        var hadFailure = ControllerSupport.Condition(rs, "ReplicaFailure") == "True";
        if (failure is not null && !hadFailure)
        {
            support.WithCondition(status, "ReplicaFailure", "True", "FailedCreate", failure.Message);
            await support.RecordEventAsync(rs, "Warning", "FailedCreate", $"Error creating: {failure.Message}", "replicaset-controller", ct);
        }
        else if (failure is null) ControllerSupport.WithoutCondition(status, "ReplicaFailure");
        var ready = pods.Count(PodReady);
        status["replicas"] = pods.Count;
        status["fullyLabeledReplicas"] = pods.Count;
        status["readyReplicas"] = ready;
        status["availableReplicas"] = ready;
        status["observedGeneration"] = rs["metadata"]?["generation"]?.DeepClone();
        if (status["conditions"] is JsonArray { Count: 0 }) status.Remove("conditions");
        await support.SetStatusAsync(support.Resource("apps/v1", "ReplicaSet"), rs, status, "kube-controller-manager", ct);
    }

    public static bool PodReady(JsonObject pod) => ControllerSupport.Condition(pod, "Ready") == "True";

    private static JsonObject Pod(JsonObject rs)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? new JsonObject();
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
        metadata["generateName"] = rs["metadata"]!["name"]!.GetValue<string>() + "-";
        metadata["ownerReferences"] = new JsonArray(ControllerSupport.OwnerReference(rs));
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject() };
    }
}
