using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Stands in for the scheduler and the kubelet, which the emulator does not run: an admitted pod is at once
/// Running with every container ready (the conditions and statuses of kubernetes/kubernetes
/// pkg/kubelet/status/generate.go: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled).
/// Images are not pulled, probes not run, nothing is scheduled onto a node with limited capacity.
/// </summary>
public sealed class PodStarter(ControllerSupport support) : IController
{
    private int _nextIp = 10;

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "" || change.Resource.Kind != "Pod" || change.Type != "ADDED") return;
        var pod = change.Object;
        if (pod["status"]?["phase"]?.ToString() != "Pending" || pod["metadata"]?["deletionTimestamp"] is not null) return;
        var stamp = ManagedFields.Stamp(support.Ops.Time.GetUtcNow());
        var status = new JsonObject { ["phase"] = "Running" };
        foreach (var type in new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" })
            support.WithCondition(status, type, "True", "", "");
        foreach (var c in (JsonArray)status["conditions"]!) { c!.AsObject().Remove("reason"); c.AsObject().Remove("message"); }
        var ip = $"10.244.0.{Interlocked.Increment(ref _nextIp) % 250 + 2}";
        status["hostIP"] = "172.18.0.2";
        status["podIP"] = ip;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        status["startTime"] = stamp;
        status["containerStatuses"] = new JsonArray((pod["spec"]?["containers"]?.AsArray() ?? []).Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c!["name"]?.DeepClone(), ["image"] = c["image"]?.DeepClone() ?? "", ["imageID"] = "", ["ready"] = true, ["restartCount"] = 0,
            ["started"] = true, ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = stamp } },
        }).ToArray());
        await support.SetStatusAsync(support.Resource("v1", "Pod"), pod, status, "kubelet", ct);
    }
}
