using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Envoy Gateway's status for Gateways (gateway.networking.k8s.io), as its status writer sets it
/// (envoyproxy/gateway internal/gatewayapi/status/gateway.go, read in a stored 1.x version; condition types and
/// reasons from kubernetes-sigs/gateway-api@v1.3.0 apis/v1/gateway_types.go): Accepted ("The Gateway has been
/// scheduled by Envoy Gateway") and Programmed ("Address assigned to the Gateway, 1/1 envoy replicas available"),
/// at the Gateway's generation. Route attachment, listener status and the Envoy proxy Deployment are not imitated.
/// Like Envoy Gateway, it writes only Gateways of a GatewayClass it manages (envoyproxy/gateway@v1.4.2
/// internal/provider/kubernetes/controller.go: Reconcile takes <c>managedGatewayClasses</c>, processGateways lists the
/// Gateways of each): a Gateway of another class, or of a class not created yet, keeps whatever status it has.
/// </summary>
public sealed class GatewayController(ControllerSupport support) : IController
{
    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "gateway.networking.k8s.io" || change.Type == "DELETED") return;
        if (change.Resource.Kind == "Gateway") await ProgramAsync(change.Resource, change.Object, ct);
        // A class created (or handed to Envoy Gateway) after its Gateways: they are reconciled now, as the watch on
        // GatewayClasses triggers Reconcile upstream.
        if (change.Resource.Kind == "GatewayClass" && support.Ops.Catalog.Find(new Manifests.GroupVersionKind("gateway.networking.k8s.io", "v1", "Gateway")) is { } gateways)
            foreach (var gateway in support.Ops.Store.List(gateways, null).Items.Where(g => g["spec"]?["gatewayClassName"]?.ToString() == change.Name))
                await ProgramAsync(gateways, gateway, ct);
    }

    private async Task ProgramAsync(ApiResource resource, JsonObject gateway, CancellationToken ct)
    {
        if (!OfEnvoyGatewaysClass(gateway)) return;
        var generation = gateway["metadata"]?["generation"]?.DeepClone();
        var status = (gateway["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        support.WithCondition(status, "Accepted", "True", "Accepted", "The Gateway has been scheduled by Envoy Gateway");
        support.WithCondition(status, "Programmed", "True", "Programmed", "Address assigned to the Gateway, 1/1 envoy replicas available");
        foreach (var c in (JsonArray)status["conditions"]!) c!["observedGeneration"] = generation?.DeepClone();
        status["addresses"] = new JsonArray(new JsonObject { ["type"] = "IPAddress", ["value"] = "172.18.0.2" });
        await support.SetStatusAsync(resource, gateway, status, "envoy-gateway", ct);
    }

    private bool OfEnvoyGatewaysClass(JsonObject gateway)
    {
        var classes = support.Ops.Catalog.Find(new Manifests.GroupVersionKind("gateway.networking.k8s.io", "v1", "GatewayClass"));
        var className = gateway["spec"]?["gatewayClassName"]?.ToString();
        return classes is not null && className is not null
            && support.Ops.Store.Get(classes, null, className)?["spec"]?["controllerName"]?.ToString() == EnvoyProxyController.ControllerName;
    }
}
