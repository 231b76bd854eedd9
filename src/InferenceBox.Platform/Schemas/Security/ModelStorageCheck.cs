using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Each tenant's PersistentVolume holds that tenant's models and nothing else (issue 19 item 14). kind binds model folders of
/// the repository into the node (kind/cluster.yaml extraMounts); a tenant's hostPath PV must be exactly /models/&lt;its
/// tenant&gt;, and every bind under /models must map a folder models/&lt;path&gt; to /models/&lt;tenant&gt;/&lt;path&gt;,
/// read-only. Binding the whole models/ folder, or a PV on /models, would let any tenant's PVC read every tenant's
/// artifacts. Which folders each tenant gets is the catalog's business (tests Models/CatalogMatchesManifestsTests).
/// </summary>
public static partial class ModelStorageCheck
{
    public const string Root = "/models";

    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects)
    {
        foreach (var pv in objects.Where(o => o is { Kind: "PersistentVolume", ApiVersion: "v1" }))
        {
            var path = Nodes.Text(pv.Body["spec"]?["hostPath"]?["path"]);
            if (path is null || !(path == Root || path.StartsWith(Root + "/", StringComparison.Ordinal))) continue;
            var tenant = Nodes.Text(pv.Body["spec"]?["claimRef"]?["namespace"]);
            if (tenant is null || !PlatformTenants.All.Contains(tenant))
                yield return Nodes.Error(pv, ".spec.claimRef.namespace", "a PersistentVolume on the models folder must be pre-bound to one tenant's claim");
            else if (path.TrimEnd('/') != $"{Root}/{tenant}")
                yield return Nodes.Error(pv, ".spec.hostPath.path",
                    $"is {path}: {tenant}'s PersistentVolume must be {Root}/{tenant}, the folder holding only {tenant}'s models");
        }
        foreach (var (at, mount) in Mounts(manifestsDir))
        {
            var container = Nodes.Text(mount["containerPath"]) ?? "";
            if (container != Root && !container.StartsWith(Root + "/", StringComparison.Ordinal)) continue;
            var match = TenantPath().Match(container);
            if (!match.Success || !PlatformTenants.All.Contains(match.Groups["tenant"].Value))
                yield return Kind(at + ".containerPath", $"{container} is not a tenant's model folder: bind each model to {Root}/<tenant>/<path>, never {Root} as a whole");
            else if (!(Nodes.Text(mount["hostPath"]) ?? "").Replace('\\', '/').TrimEnd('/').EndsWith("models/" + match.Groups["path"].Value, StringComparison.Ordinal))
                yield return Kind(at + ".hostPath", $"{Nodes.Text(mount["hostPath"])} is not the repository folder models/{match.Groups["path"].Value} that {container} stands for");
            if (Nodes.Text(mount["readOnly"]) != "true")
                yield return Kind(at + ".readOnly", "model folders are mounted read-only");
        }
    }

    private static ValidationError Kind(string path, string message) => new(KindClusterCheck.FileName, "kind Cluster", path, message);

    private static IEnumerable<(string At, JsonObject Mount)> Mounts(string manifestsDir)
    {
        var file = Path.Combine(manifestsDir, KindClusterCheck.FileName);
        if (!File.Exists(file)) yield break;
        JsonNode? cluster;
        try { cluster = YamlJson.ParseAll(File.ReadAllText(file), KindClusterCheck.FileName).SingleOrDefault()?.Node; }
        catch (InvalidDataException) { yield break; } // KindClusterCheck reports an unreadable file
        var nodes = Nodes.Items(cluster?["nodes"]).ToList();
        for (var n = 0; n < nodes.Count; n++)
        {
            var mounts = Nodes.Items(nodes[n]?["extraMounts"]).ToList();
            for (var m = 0; m < mounts.Count; m++)
                if (mounts[m] is JsonObject mount) yield return ($".nodes[{n}].extraMounts[{m}]", mount);
        }
    }

    [GeneratedRegex("^/models/(?<tenant>[a-z0-9-]+)/(?<path>[A-Za-z0-9._/-]+)$")]
    private static partial Regex TenantPath();
}
