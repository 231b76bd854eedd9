using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// The Deployment controller, simplified to a recreate rollout (kubernetes/kubernetes pkg/controller/deployment:
/// sync.go, progress.go, util/deployment_util.go): one ReplicaSet <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c> per
/// template, older ones scaled to zero; status with observedGeneration, replicas, updated/ready/available/unavailable
/// replicas and the conditions Available ("MinimumReplicasAvailable", "Deployment has minimum availability." /
/// "MinimumReplicasUnavailable", "Deployment does not have minimum availability."), Progressing
/// ("NewReplicaSetCreated", "ReplicaSetUpdated", "NewReplicaSetAvailable") and the ReplicaSet's ReplicaFailure copied
/// over (<c>GetReplicaFailures</c>). maxSurge, progress deadlines, pausing and revision history are not imitated.
/// </summary>
public sealed class DeploymentController(ControllerSupport support) : IController
{
    private const string Manager = "kube-controller-manager";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "apps" || change.Type == "DELETED" && change.Resource.Kind == "Deployment") return;
        var deployments = support.Resource("apps/v1", "Deployment");
        IEnumerable<JsonObject> targets = change.Resource.Kind switch
        {
            "Deployment" => [change.Object],
            "ReplicaSet" => support.Ops.Store.List(deployments, change.Namespace).Items.Where(d => ControllerSupport.IsOwnedBy(change.Object, d)),
            _ => [],
        };
        foreach (var deployment in targets.ToList())
            if (support.Ops.Store.Get(deployments, change.Namespace, deployment["metadata"]!["name"]!.GetValue<string>()) is { } current
                && current["metadata"]?["deletionTimestamp"] is null)
                await SyncAsync(current, ct);
    }

    private async Task SyncAsync(JsonObject deployment, CancellationToken ct)
    {
        var replicaSets = support.Resource("apps/v1", "ReplicaSet");
        var ns = deployment["metadata"]!["namespace"]!.GetValue<string>();
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        var desired = deployment["spec"]?["replicas"] is JsonValue r && int.TryParse(r.ToJsonString(), out var n) ? n : 1;
        var hash = Names.TemplateHash(deployment["spec"]?["template"]?.ToJsonString() ?? "{}");
        var newName = $"{name}-{hash}";
        var owned = support.Ops.Store.List(replicaSets, ns).Items.Where(rs => ControllerSupport.IsOwnedBy(rs, deployment)).ToList();
        var created = false;
        var newRs = owned.FirstOrDefault(rs => rs["metadata"]!["name"]!.GetValue<string>() == newName);
        if (newRs is null)
        {
            newRs = (await support.Ops.CreateAsync(replicaSets, ns, NewReplicaSet(deployment, newName, hash, desired, owned.Count + 1), new WriteOptions(Manager), ct)).Object;
            owned.Add(newRs);
            created = true;
        }
        foreach (var rs in owned)
        {
            var want = rs == newRs ? desired : 0;
            if (rs["spec"]?["replicas"]?.ToJsonString() == want.ToString()) continue;
            var scaled = (JsonObject)rs.DeepClone();
            scaled["spec"]!["replicas"] = want;
            await support.Ops.UpdateAsync(replicaSets, ns, rs["metadata"]!["name"]!.GetValue<string>(), null, scaled, new WriteOptions(Manager), ct);
        }
        await WriteStatusAsync(deployment, owned.Select(rs => support.Ops.Store.Get(replicaSets, ns, rs["metadata"]!["name"]!.GetValue<string>()) ?? rs).ToList(),
            newName, desired, created, ct);
    }

    private async Task WriteStatusAsync(JsonObject deployment, List<JsonObject> owned, string newName, int desired, bool created, CancellationToken ct)
    {
        static int Count(JsonObject rs, string field) => rs["status"]?[field] is JsonValue v && int.TryParse(v.ToJsonString(), out var c) ? c : 0;
        var newRs = owned.Single(rs => rs["metadata"]!["name"]!.GetValue<string>() == newName);
        var status = (deployment["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        var available = owned.Sum(rs => Count(rs, "availableReplicas"));
        var updated = Count(newRs, "replicas");
        status["observedGeneration"] = deployment["metadata"]?["generation"]?.DeepClone();
        status["replicas"] = owned.Sum(rs => Count(rs, "replicas"));
        status["updatedReplicas"] = updated;
        status["readyReplicas"] = owned.Sum(rs => Count(rs, "readyReplicas"));
        status["availableReplicas"] = available;
        status["unavailableReplicas"] = Math.Max(0, desired - available);
        foreach (var zero in new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas" })
            if (status[zero]?.ToJsonString() == "0") status.Remove(zero); // omitempty, as the API serializes int32 zeros in DeploymentStatus
        var maxUnavailable = desired / 4; // the default maxUnavailable of 25%, rounded down (util/deployment_util.go ResolveFenceposts)
        if (available >= desired - maxUnavailable)
            support.WithCondition(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", true);
        else
            support.WithCondition(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", true);
        var (reason, message) = created ? ("NewReplicaSetCreated", $"Created new replica set \"{newName}\"")
            : updated == desired && available >= desired && owned.All(rs => rs == newRs || Count(rs, "replicas") == 0)
                ? ("NewReplicaSetAvailable", $"ReplicaSet \"{newName}\" has successfully progressed.")
                : ("ReplicaSetUpdated", $"ReplicaSet \"{newName}\" is progressing.");
        support.WithCondition(status, "Progressing", "True", reason, message, true);
        if (ControllerSupport.Condition(newRs, "ReplicaFailure") == "True")
            support.WithCondition(status, "ReplicaFailure", "True", ControllerSupport.Condition(newRs, "ReplicaFailure", "reason") ?? "",
                ControllerSupport.Condition(newRs, "ReplicaFailure", "message") ?? "", true);
        else ControllerSupport.WithoutCondition(status, "ReplicaFailure");
        await support.SetStatusAsync(support.Resource("apps/v1", "Deployment"), deployment, status, Manager, ct);
    }

    private static JsonObject NewReplicaSet(JsonObject deployment, string name, string hash, int replicas, int revision)
    {
        var template = (JsonObject)(deployment["spec"]?["template"]?.DeepClone() ?? new JsonObject());
        var templateMeta = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"] as JsonObject ?? new JsonObject();
        labels["pod-template-hash"] = hash;
        templateMeta["labels"] = labels;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        matchLabels["pod-template-hash"] = hash;
        selector["matchLabels"] = matchLabels;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(ControllerSupport.OwnerReference(deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template },
        };
    }
}
