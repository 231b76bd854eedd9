using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The DaemonSet controller for the one node a kind cluster has (kubernetes/kubernetes pkg/controller/daemon
/// daemon_controller.go): one pod per DaemonSet, <c>generateName: &lt;ds&gt;-</c>, owned by it, bound to the node
/// (<c>NewPod</c>: spec.nodeName), labelled <c>controller-revision-hash</c> and <c>pod-template-generation</c>
/// (daemon/util CreatePodTemplate), created through the API so admission applies; a refusal is a Warning event
/// <c>FailedCreate</c> "Error creating: ..." (controller_utils.go). A pod of an older template is deleted and replaced
/// (the RollingUpdate default, maxUnavailable 1, on one node). Status as <c>updateDaemonSetStatus</c> writes it:
/// desired/current/ready/updated/available/unavailable counts and observedGeneration. Node selectors, taints and
/// tolerations are not imitated: every DaemonSet wants the node.
/// </summary>
public sealed class DaemonSetController(ControllerSupport support) : IController
{
    public const string NodeName = "inference-in-a-box-control-plane";
    private const string Manager = "kube-controller-manager", HashLabel = "controller-revision-hash", GenerationLabel = "pod-template-generation";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        var ns = change.Namespace ?? (change.Resource.Kind == "Namespace" ? change.Name : null);
        var relevant = change.Resource.Group == "apps" && change.Resource.Kind == "DaemonSet"
                       || change.Resource.Group == "" && change.Resource.Kind is "Pod" or "Namespace" or "ResourceQuota" or "LimitRange";
        if (ns is null || !relevant) return;
        var daemonSets = support.Resource("apps/v1", "DaemonSet");
        foreach (var ds in support.Ops.Store.List(daemonSets, ns).Items.Where(d => d["metadata"]?["deletionTimestamp"] is null))
            await SyncAsync(ds, ct);
    }

    private async Task SyncAsync(JsonObject ds, CancellationToken ct)
    {
        var pods = support.Resource("v1", "Pod");
        var ns = ds["metadata"]!["namespace"]!.GetValue<string>();
        var hash = Names.TemplateHash(ds["spec"]?["template"]?.ToJsonString() ?? "{}");
        var owned = support.Ops.Store.List(pods, ns).Items
            .Where(p => ControllerSupport.IsOwnedBy(p, ds) && p["metadata"]?["deletionTimestamp"] is null).ToList();
        foreach (var old in owned.Where(p => p["metadata"]?["labels"]?[HashLabel]?.ToString() != hash).ToList())
        {
            await support.Ops.DeleteAsync(pods, ns, old["metadata"]!["name"]!.GetValue<string>(), new WriteOptions(Manager), ct);
            owned.Remove(old);
        }
        if (owned.Count == 0)
        {
            try { owned.Add((await support.Ops.CreateAsync(pods, ns, Pod(ds, hash), new WriteOptions(Manager), ct)).Object); }
            catch (ApiError e)
            {
                await support.RecordEventAsync(ds, "Warning", "FailedCreate", $"Error creating: {e.Message}", "daemonset-controller", ct);
            }
        }
        var ready = owned.Count(ReplicaSetController.PodReady);
        var status = (ds["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        status["desiredNumberScheduled"] = 1;
        status["currentNumberScheduled"] = Math.Min(owned.Count, 1);
        status["numberMisscheduled"] = 0;
        status["numberReady"] = ready;
        status["updatedNumberScheduled"] = owned.Count(p => p["metadata"]?["labels"]?[HashLabel]?.ToString() == hash);
        status["numberAvailable"] = ready;
        status["numberUnavailable"] = 1 - Math.Min(ready, 1);
        status["observedGeneration"] = ds["metadata"]?["generation"]?.DeepClone();
        // omitempty in DaemonSetStatus (k8s.io/api apps/v1 types.go): these three; the other counts are always written.
        foreach (var zero in new[] { "updatedNumberScheduled", "numberAvailable", "numberUnavailable" })
            if (status[zero]?.ToJsonString() == "0") status.Remove(zero);
        if (JsonNode.DeepEquals(status, ds["status"])) return;
        await support.SetStatusAsync(support.Resource("apps/v1", "DaemonSet"), ds, status, Manager, ct);
    }

    private static JsonObject Pod(JsonObject ds, string hash)
    {
        var template = ds["spec"]?["template"] as JsonObject ?? new JsonObject();
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        labels[HashLabel] = hash;
        labels[GenerationLabel] = ds["metadata"]?["generation"]?.ToString() ?? "1";
        metadata["labels"] = labels;
        metadata["generateName"] = ds["metadata"]!["name"]!.GetValue<string>() + "-";
        metadata["ownerReferences"] = new JsonArray(ControllerSupport.OwnerReference(ds));
        var spec = template["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        spec["nodeName"] = NodeName;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }
}
