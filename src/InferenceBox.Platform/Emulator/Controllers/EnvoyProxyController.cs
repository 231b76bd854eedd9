using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// Envoy Gateway's infrastructure manager, reduced to what readiness depends on: for each Gateway whose
/// GatewayClass is Envoy Gateway's (<c>gateway.envoyproxy.io/gatewayclass-controller</c>), once Envoy Gateway runs
/// (its Deployment <c>envoy-gateway</c> exists), the proxy Deployment in Envoy Gateway's namespace
/// (envoyproxy/gateway@v1.4.2 internal/gatewayapi/translator.go: infra name <c>&lt;ns&gt;/&lt;name&gt;</c>, namespace the
/// controller's, labels <c>GatewayOwnerLabels</c>; internal/infrastructure/kubernetes/proxy/resource.go
/// <c>ExpectedResourceHashedName</c> and <c>EnvoyAppLabel</c>; internal/utils/misc.go <c>GetHashedName</c>:
/// <c>envoy-&lt;ns&gt;-&lt;name&gt;-&lt;first 8 hex of sha256("ns/name")&gt;</c>). Its pods then go through admission like any
/// other. The container's image is <paramref name="image"/>, the lock's pin of the controller's default
/// (<see cref="EmulatorImages.EnvoyProxy"/>); its args, ports, probes and the Service are not imitated.
/// </summary>
public sealed class EnvoyProxyController(ControllerSupport support, string image) : IController
{
    public const string ControllerName = "gateway.envoyproxy.io/gatewayclass-controller";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Resource.Group != "gateway.networking.k8s.io" || change.Resource.Kind != "Gateway" || change.Type == "DELETED") return;
        var gateway = change.Object;
        var (ns, name) = (change.Namespace!, change.Name);
        var classes = support.Ops.Catalog.Find(new Manifests.GroupVersionKind("gateway.networking.k8s.io", "v1", "GatewayClass"));
        var className = gateway["spec"]?["gatewayClassName"]?.ToString();
        if (classes is null || className is null || support.Ops.Store.Get(classes, null, className) is not { } gatewayClass
            || gatewayClass["spec"]?["controllerName"]?.ToString() != ControllerName) return;
        var deployments = support.Resource("apps/v1", "Deployment");
        var controller = support.Ops.Store.List(deployments, null).Items.FirstOrDefault(d => d["metadata"]?["name"]?.ToString() == "envoy-gateway");
        if (controller?["metadata"]?["namespace"]?.ToString() is not { } controllerNamespace) return;
        var proxyName = "envoy-" + HashedName($"{ns}/{name}", 48);
        if (support.Ops.Store.Get(deployments, controllerNamespace, proxyName) is not null) return;
        var labels = new JsonObject
        {
            ["app.kubernetes.io/name"] = "envoy", ["app.kubernetes.io/component"] = "proxy", ["app.kubernetes.io/managed-by"] = "envoy-gateway",
            ["gateway.envoyproxy.io/owning-gateway-name"] = name, ["gateway.envoyproxy.io/owning-gateway-namespace"] = ns,
        };
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = proxyName, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject
                    {
                        // api/v1alpha1/shared_types.go DefaultEnvoyProxyImage (as versions.yaml pins it); proxy/resource.go expectedEnvoySecurityContext:
                        // resource.go DefaultSecurityContext (restricted) with uid/gid 65532 and a writable root (the PodSecurity
                        // admission of a restricted envoy-gateway-system admits it, issue 19 item 8). automountServiceAccountToken
                        // false (proxy/resource_provider.go).
                        ["automountServiceAccountToken"] = false,
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "envoy", ["image"] = image,
                            ["securityContext"] = new JsonObject
                            {
                                ["allowPrivilegeEscalation"] = false, ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                                ["privileged"] = false, ["runAsGroup"] = 65532, ["runAsNonRoot"] = true, ["runAsUser"] = 65532,
                                ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                            },
                        }),
                    },
                },
            },
        };
        await support.Ops.CreateAsync(deployments, controllerNamespace, deployment, new WriteOptions("envoy-gateway"), ct);
    }

    /// <summary>internal/utils/misc.go GetHashedName: '/' → '-', cut to <paramref name="length"/> (no trailing '-'), then '-' and 8 hex of sha256.</summary>
    public static string HashedName(string nsName, int length)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nsName)))[..8];
        var resource = nsName.Replace('/', '-');
        return length > 0 && resource.Length > length ? $"{resource[..length].TrimEnd('-')}-{hash}" : $"{resource}-{hash}";
    }
}
