using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Cluster;

/// <summary>
/// Names one Kubernetes object: its apiVersion and kind (discovery finds where its API lives) and which one it is.
/// <see cref="Namespace"/> is null for cluster-scoped objects.
/// </summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public static ObjectRef InferenceService(string ns, string name) => new("serving.kserve.io/v1beta1", "InferenceService", ns, name);
    public static ObjectRef Pod(string ns, string name) => new("v1", "Pod", ns, name);
    public static ObjectRef Secret(string ns, string name) => new("v1", "Secret", ns, name);
    public static ObjectRef ConfigMap(string ns, string name) => new("v1", "ConfigMap", ns, name);
    public static ObjectRef Deployment(string ns, string name) => new("apps/v1", "Deployment", ns, name);
    public static ObjectRef Crd(string name) => new("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, name);

    /// <summary>The object a manifest describes; throws naming the missing field.</summary>
    public static ObjectRef Of(JsonObject manifest) => new(
        (string?)manifest["apiVersion"] ?? throw Missing("apiVersion", manifest),
        (string?)manifest["kind"] ?? throw Missing("kind", manifest),
        (string?)manifest["metadata"]?["namespace"],
        (string?)manifest["metadata"]?["name"] ?? throw Missing("metadata.name", manifest));

    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";

    private static InvalidDataException Missing(string field, JsonObject manifest)
    {
        var text = manifest.ToJsonString();
        return new($"The object has no {field}, so it cannot be sent to the API server: {text[..Math.Min(200, text.Length)]}");
    }
}
