using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// The sidecar settings Istio's injector would use, from our istiod values (manifests/values/istiod.yaml), so the
/// emulated injection gives tenant pods the sidecar they really get. istio/istio@1.26.2
/// manifests/charts/istio-control/istio-discovery: the injection template reads <c>.Values.global.proxy.resources</c>
/// and <c>.Values.pilot.cni.enabled</c> (files/injection-template.yaml), and the injector's values put the chart's
/// top-level <c>cni</c> under <c>pilot</c> (templates/istiod-injector-configmap.yaml; a <c>pilot:</c> prefix in our
/// values is merged to the top first, templates/zzy_descope_legacy.yaml). Unset keys keep the chart's defaults
/// (values.yaml).
/// </summary>
public static class RehearsalSidecars
{
    /// <summary>The settings of the platform in <paramref name="repoRoot"/>: its manifests/values/istiod.yaml.</summary>
    public static SidecarSettings OfRepository(string repoRoot) => From(Path.Combine(ManifestFiles.FolderOf(repoRoot), "values", "istiod.yaml"));

    public static SidecarSettings From(string istiodValuesFile)
    {
        var defaults = new SidecarSettings();
        if (!File.Exists(istiodValuesFile)) return defaults;
        var values = YamlJson.ParseAll(File.ReadAllText(istiodValuesFile), istiodValuesFile).FirstOrDefault()?.Node as JsonObject;
        if (values is null) return defaults;
        var resources = values["global"]?["proxy"]?["resources"] as JsonObject;
        var cni = values["pilot"]?["cni"]?["enabled"] ?? values["cni"]?["enabled"];
        return defaults with
        {
            // helm coalesces our values over the chart's key by key, as a JSON merge patch does (RFC 7386).
            ProxyResources = resources is null ? defaults.ProxyResources : Emulator.Operations.Patches.ApplyMergePatch(defaults.ProxyResources, resources),
            Cni = cni is JsonValue v && v.TryGetValue<bool>(out var enabled) ? enabled : defaults.Cni,
        };
    }
}
