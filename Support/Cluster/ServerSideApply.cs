using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Server-side apply: PATCH with content type application/apply-patch+yaml (JSON is valid YAML), field manager
/// <see cref="FieldManager"/>, force=true so the suite owns the fields it sets even if someone edited them by hand.
/// </summary>
public static class ServerSideApply
{
    public const string FieldManager = "inferencebox-specs";

    /// <summary>Where an object's API lives, from its manifest: apiVersion, kind, plural, namespace, name.</summary>
    public static ObjectRef RefOf(JsonObject manifest)
    {
        var apiVersion = (string?)manifest["apiVersion"] ?? throw Missing("apiVersion", manifest);
        var kind = (string?)manifest["kind"] ?? throw Missing("kind", manifest);
        var name = (string?)manifest["metadata"]?["name"] ?? throw Missing("metadata.name", manifest);
        return new ObjectRef(apiVersion, kind, Plural(kind), (string?)manifest["metadata"]?["namespace"], name);
    }

    /// <summary>The apply body: the manifest with the given labels merged into metadata.labels.</summary>
    public static string Body(JsonObject manifest, IReadOnlyDictionary<string, string> labels)
    {
        var copy = (JsonObject)manifest.DeepClone();
        var metadata = copy["metadata"] as JsonObject ?? throw Missing("metadata", manifest);
        var existing = metadata["labels"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in labels) existing[key] = value;
        metadata["labels"] = existing;
        return copy.ToJsonString();
    }

    public static V1Patch Patch(JsonObject manifest, IReadOnlyDictionary<string, string> labels) =>
        new(Body(manifest, labels), V1Patch.PatchType.ApplyPatch);

    /// <summary>Applies the object and returns what the API server stored.</summary>
    public static async Task<JsonNode?> ApplyAsync(IKubernetes client, JsonObject manifest, IReadOnlyDictionary<string, string> labels,
        CancellationToken ct)
    {
        var target = RefOf(manifest);
        var patch = Patch(manifest, labels);
        object result = (target.Group, target.Kind, target.Namespace) switch
        {
            ("", "Secret", { } ns) => await client.CoreV1.PatchNamespacedSecretAsync(patch, target.Name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
            ("", "Pod", { } ns) => await client.CoreV1.PatchNamespacedPodAsync(patch, target.Name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
            ("", _, _) => throw new NotSupportedException($"Applying core {target.Kind} objects is not supported (Secrets and Pods are): {target}."),
            (_, _, null) => await client.CustomObjects.PatchClusterCustomObjectAsync(patch, target.Group, target.Version, target.Plural, target.Name,
                fieldManager: FieldManager, force: true, cancellationToken: ct),
            (_, _, { } ns) => await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, target.Group, target.Version, ns, target.Plural,
                target.Name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        };
        return KubernetesObjectSource.ToNode(result);
    }

    /// <summary>Kind → resource plural, the regular English way the built-in and our CRDs' plurals follow.</summary>
    public static string Plural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        return lower.EndsWith('y') ? lower[..^1] + "ies" : lower.EndsWith('s') ? lower + "es" : lower + "s";
    }

    private static InvalidDataException Missing(string field, JsonObject manifest) =>
        new($"Manifest has no {field}; cannot apply it: {manifest.ToJsonString()[..Math.Min(200, manifest.ToJsonString().Length)]}");
}
