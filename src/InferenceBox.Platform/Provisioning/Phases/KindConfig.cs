using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The kind config the cluster is created from: manifests/kind/cluster.yaml, with each bind of pinned model weights pointed
/// at the host cache. In the file, <c>hostPath: models/&lt;name&gt;</c> for a name under versions.yaml <c>weights:</c> stands
/// for that weights folder of the cache (the manifest checks read the file as it is: each tenant's bind maps a models/
/// folder to its own /models/&lt;tenant&gt;/). Other relative paths stay relative: kind makes them absolute against its working
/// directory, the repository root (kubernetes-sigs/kind@v0.29.0 pkg/cluster/internal/providers/docker/provision.go,
/// filepath.Abs; src/InferenceBox.Platform/Provisioning/Ports/CliToolRunner.cs runs kind there). Written as JSON, which kind's YAML
/// reader accepts (sigs.k8s.io/yaml: JSON is YAML).
/// </summary>
public static class KindConfig
{
    public const string ModelsFolder = "models/";

    /// <summary>The config file to pass to <c>kind create cluster</c>: the original when no bind needs rewriting.</summary>
    public static string Prepare(ProvisionContext context)
    {
        var original = context.Manifests("kind", "cluster.yaml");
        var pins = WeightsPin.From(context.Lock);
        if (pins.Count == 0 || context.Weights is null || !File.Exists(original)) return original;
        var cluster = YamlJson.ParseAll(File.ReadAllText(original), "kind/cluster.yaml").SingleOrDefault()?.Node
                      ?? throw new InvalidDataException("manifests/kind/cluster.yaml holds no kind Cluster.");
        if (Rewrite(cluster, pins.ToDictionary(p => p.Name, context.Weights.FolderOf)) == 0) return original;
        Directory.CreateDirectory(context.StateDir);
        var rendered = Path.Combine(context.StateDir, "kind-cluster.json");
        File.WriteAllText(rendered, cluster.ToJsonString());
        return rendered;
    }

    /// <summary>Points each bind whose hostPath is models/&lt;weights name&gt; at that weights folder; returns how many.</summary>
    public static int Rewrite(JsonNode cluster, IReadOnlyDictionary<string, string> weightsFolders)
    {
        var rewritten = 0;
        foreach (var mount in (cluster["nodes"] as JsonArray ?? []).SelectMany(n => n?["extraMounts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var host = mount["hostPath"]?.ToString().Replace('\\', '/').TrimEnd('/');
            if (host is not null && host.StartsWith(ModelsFolder, StringComparison.Ordinal)
                && weightsFolders.TryGetValue(host[ModelsFolder.Length..], out var folder))
            {
                mount["hostPath"] = folder;
                rewritten++;
            }
        }
        return rewritten;
    }
}
