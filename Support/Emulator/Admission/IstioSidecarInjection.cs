using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Emulator.Admission;

/// <summary>The sidecars' settings the emulator cannot read from the cluster (helm values of istiod).</summary>
public sealed record SidecarSettings
{
    /// <summary>
    /// istiod's <c>global.proxy.resources</c>; the default is the chart's (istio/istio
    /// manifests/charts/istio-control/istio-discovery/values.yaml: requests 100m/128Mi, limits 2000m/1024Mi).
    /// </summary>
    public JsonObject ProxyResources { get; init; } = new()
    {
        ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" },
        ["limits"] = new JsonObject { ["cpu"] = "2000m", ["memory"] = "1024Mi" },
    };

    /// <summary>istiod's <c>pilot.cni.enabled</c>: without CNI an <c>istio-init</c> container with NET_ADMIN/NET_RAW is injected.</summary>
    public bool Cni { get; init; }
}

/// <summary>
/// The effect of Istio's sidecar-injection webhook, in the mutating phase where kube-apiserver calls webhooks (after
/// LimitRanger's defaulting): a Pod created in a namespace labelled <c>istio-injection=enabled</c>, unless annotated
/// <c>sidecar.istio.io/inject: "false"</c> or on the host network, gets <c>istio-proxy</c> and, without CNI,
/// <c>istio-init</c> with the resources and securityContext of istio's injection template
/// (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml: both use its "resources" template,
/// <c>global.proxy.resources</c>; istio-init adds NET_ADMIN and NET_RAW and runs as root). Read in stored versions
/// of that template, not at 1.26.2. The webhook's other edits (volumes, env, probes, labels) are not imitated.
/// </summary>
public sealed class IstioSidecarInjection(SidecarSettings settings) : IAdmissionPlugin
{
    public string Name => "MutatingAdmissionWebhook(istio-sidecar-injector)";

    public bool IsMutatingWebhook => true;

    public void Admit(AdmissionRequest request, AdmissionContext context)
    {
        if (!request.Is("", "Pod") || request.Operation != AdmissionRequest.Create || request.Object is not { } pod) return;
        var ns = context.Get("", "v1", "Namespace", null, request.Namespace ?? "");
        if (ns?["metadata"]?["labels"]?["istio-injection"]?.ToString() != "enabled") return;
        if (pod["metadata"]?["annotations"]?["sidecar.istio.io/inject"]?.ToString() == "false" || pod["spec"]?["hostNetwork"]?.ToString() == "true") return;
        var spec = (JsonObject)pod["spec"]!;
        var containers = spec["containers"] as JsonArray ?? new JsonArray();
        if (containers.Any(c => c?["name"]?.ToString() == "istio-proxy")) return;
        containers.Add(IstioProxy(settings));
        spec["containers"] = containers;
        if (settings.Cni) return;
        var init = spec["initContainers"] as JsonArray ?? new JsonArray();
        init.Insert(0, IstioInit(settings));
        spec["initContainers"] = init;
    }

    internal static JsonObject IstioProxy(SidecarSettings sidecars) => new()
    {
        ["name"] = "istio-proxy", ["image"] = "docker.io/istio/proxyv2:1.26.2", ["resources"] = sidecars.ProxyResources.DeepClone(),
        ["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false, ["privileged"] = false, ["readOnlyRootFilesystem"] = true,
            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
            ["runAsGroup"] = 1337, ["runAsNonRoot"] = true, ["runAsUser"] = 1337,
        },
    };

    internal static JsonObject IstioInit(SidecarSettings sidecars) => new()
    {
        ["name"] = "istio-init", ["image"] = "docker.io/istio/proxyv2:1.26.2", ["resources"] = sidecars.ProxyResources.DeepClone(),
        ["securityContext"] = new JsonObject
        {
            ["allowPrivilegeEscalation"] = false, ["privileged"] = false, ["readOnlyRootFilesystem"] = false,
            ["capabilities"] = new JsonObject { ["add"] = new JsonArray("NET_ADMIN", "NET_RAW"), ["drop"] = new JsonArray("ALL") },
            ["runAsGroup"] = 0, ["runAsNonRoot"] = false, ["runAsUser"] = 0,
        },
    };
}
