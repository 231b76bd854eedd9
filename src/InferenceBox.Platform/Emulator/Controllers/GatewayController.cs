using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Envoy Gateway's status for Gateways (gateway.networking.k8s.io), as its status writer sets it
/// (envoyproxy/gateway internal/gatewayapi/status/gateway.go, read in a stored 1.x version; condition types and
/// reasons from kubernetes-sigs/gateway-api@v1.3.0 apis/v1/gateway_types.go): Accepted ("The Gateway has been
/// scheduled by Envoy Gateway") and Programmed ("Address assigned to the Gateway, 1/1 envoy replicas available"),
/// at the Gateway's generation. Route attachment, listener status and the Envoy proxy Deployment are not imitated.
/// </summary>
public sealed class GatewayController(ControllerSupport support) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "gateway.networking.k8s.io" || change.Resource.Kind != "Gateway" || change.Type == "DELETED") return;
        var gateway = change.Object;
        var generation = gateway["metadata"]?["generation"]?.DeepClone();
        var status = (gateway["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        support.WithCondition(status, "Accepted", "True", "Accepted", "The Gateway has been scheduled by Envoy Gateway");
        support.WithCondition(status, "Programmed", "True", "Programmed", "Address assigned to the Gateway, 1/1 envoy replicas available");
        foreach (var c in (JsonArray)status["conditions"]!) c!["observedGeneration"] = generation?.DeepClone();
        status["addresses"] = new JsonArray(new JsonObject { ["type"] = "IPAddress", ["value"] = "172.18.0.2" });
        await support.SetStatusAsync(change.Resource, gateway, status, "envoy-gateway", ct);
    }
}
