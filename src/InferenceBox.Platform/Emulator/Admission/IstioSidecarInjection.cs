using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>The sidecars' settings: istiod's helm values as its injector sees them.</summary>
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

    /// <summary>
    /// From istiod's helm values (manifests/values/istiod.yaml). istio/istio@1.26.2
    /// manifests/charts/istio-control/istio-discovery/templates/istiod-injector-configmap.yaml copies the top-level
    /// <c>cni</c> to <c>pilot.cni</c> for the injection template; a <c>pilot:</c> block is merged to the top level first
    /// (templates/zzy_descope_legacy.yaml), so either spelling counts.
    /// </summary>
    public static SidecarSettings FromHelmValues(JsonNode? values) => With(values,
        values?["cni"]?["enabled"] ?? values?["pilot"]?["cni"]?["enabled"]);

    /// <summary>From the <c>values</c> JSON of ConfigMap istio-sidecar-injector, which the injector reads (pilot.cni, global).</summary>
    public static SidecarSettings FromInjectorValues(JsonNode? values) => With(values, values?["pilot"]?["cni"]?["enabled"]);

    private static SidecarSettings With(JsonNode? values, JsonNode? cni)
    {
        var settings = new SidecarSettings { Cni = cni?.ToString() == "true" };
        return values?["global"]?["proxy"]?["resources"] is JsonObject resources ? settings with { ProxyResources = (JsonObject)resources.DeepClone() } : settings;
    }
}

/// <summary>
/// The effect of Istio's sidecar-injection webhook, in the mutating phase where kube-apiserver calls webhooks (after
/// LimitRanger's defaulting), as istio/istio@1.26.2 renders it: a Pod created in a namespace labelled
/// <c>istio-injection=enabled</c> unless labelled <c>sidecar.istio.io/inject: "false"</c> (the webhook's objectSelector,
/// manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml) or so annotated, or on the host
/// network, gets (files/injection-template.yaml), each with image <paramref name="proxyImage"/> (<c>{{ .ProxyImage }}</c>, as
/// versions.yaml pins docker.io/istio/proxyv2: <see cref="EmulatorImages.IstioProxy"/>): <c>istio-proxy</c> (a container; with annotation
/// <c>sidecar.istio.io/nativeSidecar: "true"</c> an init container with restartPolicy Always) and an init container that
/// with CNI is <c>istio-validation</c> (no added capability, UID 1337, read-only root) and without it <c>istio-init</c>
/// (NET_ADMIN and NET_RAW, root). Resources from <c>global.proxy.resources</c>. The settings are the injector's own:
/// ConfigMap istio-system/istio-sidecar-injector's <c>values</c> when it exists, else those the emulator was started with.
/// The webhook's other edits (volumes, env, probes, labels) are not imitated.
/// </summary>
public sealed class IstioSidecarInjection(SidecarSettings settings, string proxyImage) : IAdmissionPlugin
{
    public string Name => "MutatingAdmissionWebhook(istio-sidecar-injector)";

    public bool IsMutatingWebhook => true;

    public void Admit(AdmissionRequest request, AdmissionContext context)
    {
        if (!request.Is("", "Pod") || request.Operation != AdmissionRequest.Create || request.Object is not { } pod) return;
        if (!Applies(pod, context.Get("", "v1", "Namespace", null, request.Namespace ?? ""))) return;
        var injector = context.Get("", "v1", "ConfigMap", "istio-system", "istio-sidecar-injector")?["data"]?["values"]?.ToString();
        Inject(pod, injector is null ? settings : SidecarSettings.FromInjectorValues(JsonNode.Parse(injector)), proxyImage);
    }

    /// <summary>Whether the webhook injects into <paramref name="pod"/> created in <paramref name="ns"/> (its Namespace object).</summary>
    public static bool Applies(JsonObject pod, JsonObject? ns)
    {
        if (ns?["metadata"]?["labels"]?["istio-injection"]?.ToString() != "enabled") return false;
        var metadata = pod["metadata"];
        return metadata?["labels"]?["sidecar.istio.io/inject"]?.ToString() != "false"
               && metadata?["annotations"]?["sidecar.istio.io/inject"]?.ToString() != "false"
               && pod["spec"]?["hostNetwork"]?.ToString() != "true";
    }

    /// <summary>Adds the sidecar and its init container, both running <paramref name="proxyImage"/>, to a pod (or a pod template: metadata and spec).</summary>
    public static void Inject(JsonObject pod, SidecarSettings sidecars, string proxyImage)
    {
        var spec = pod["spec"] as JsonObject ?? new JsonObject();
        pod["spec"] = spec;
        var containers = spec["containers"] as JsonArray ?? new JsonArray();
        var init = spec["initContainers"] as JsonArray ?? new JsonArray();
        if (containers.Concat(init).Any(c => c?["name"]?.ToString() == "istio-proxy")) return;
        init.Insert(0, sidecars.Cni ? IstioValidation(sidecars, proxyImage) : IstioInit(sidecars, proxyImage));
        var proxy = IstioProxy(sidecars, proxyImage);
        if (pod["metadata"]?["annotations"]?["sidecar.istio.io/nativeSidecar"]?.ToString() == "true")
        {
            proxy["restartPolicy"] = "Always";
            init.Insert(1, proxy);
        }
        else containers.Add(proxy);
        spec["containers"] = containers;
        spec["initContainers"] = init;
    }

    private static JsonObject Container(string name, SidecarSettings sidecars, string image) => new()
    {
        ["name"] = name, ["image"] = image, ["resources"] = sidecars.ProxyResources.DeepClone(),
    };

    internal static JsonObject IstioProxy(SidecarSettings sidecars, string image) => WithContext(Container("istio-proxy", sidecars, image), NonRoot());

    private static JsonObject IstioValidation(SidecarSettings sidecars, string image) => WithContext(Container("istio-validation", sidecars, image), NonRoot());

    internal static JsonObject IstioInit(SidecarSettings sidecars, string image) => WithContext(Container("istio-init", sidecars, image), new JsonObject
    {
        ["allowPrivilegeEscalation"] = false, ["privileged"] = false, ["readOnlyRootFilesystem"] = false,
        ["capabilities"] = new JsonObject { ["add"] = new JsonArray("NET_ADMIN", "NET_RAW"), ["drop"] = new JsonArray("ALL") },
        ["runAsGroup"] = 0, ["runAsNonRoot"] = false, ["runAsUser"] = 0,
    });

    /// <summary>istio-proxy's, and with CNI istio-validation's (global.proxy.privileged false): no seccompProfile of its own.</summary>
    private static JsonObject NonRoot() => new()
    {
        ["allowPrivilegeEscalation"] = false, ["privileged"] = false, ["readOnlyRootFilesystem"] = true,
        ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
        ["runAsGroup"] = 1337, ["runAsNonRoot"] = true, ["runAsUser"] = 1337,
    };

    private static JsonObject WithContext(JsonObject container, JsonObject securityContext)
    {
        container["securityContext"] = securityContext;
        return container;
    }
}
