using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Every image a manifest names (any <c>image:</c> string field), and every <c>{repository, tag}</c> pair of a helm
/// values file, is pinned: it has a tag or digest, the tag is not <c>latest</c>, and the lock's <c>images:</c> lists
/// the repository with exactly that tag.
/// </summary>
public static class ImageCheck
{
    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        foreach (var o in objects)
            foreach (var (path, image) in ImageFields(o.Body, ""))
                if (Problem(image, versionLock) is { } problem)
                    yield return new ValidationError(o.File, o.Describe(), path, problem);
    }

    /// <summary>Helm values: only <c>{repository, tag}</c> mappings that set a tag (others use the chart's pinned default).</summary>
    public static IEnumerable<ValidationError> RunOnValues(string file, JsonNode? values, VersionLock versionLock)
    {
        foreach (var (path, repository, tag) in RepositoryTags(values, ""))
        {
            var image = repository + ":" + tag;
            if (Problem(image, versionLock) is { } problem) yield return new ValidationError(file, null, path, problem);
        }
    }

    public static string? Problem(string image, VersionLock versionLock)
    {
        var reference = ImageReference.Parse(image);
        if (reference.Pin is null) return $"image \"{image}\" has no tag or digest: pin it in versions.yaml images:";
        if (reference.Tag == "latest") return $"image \"{image}\" uses the floating tag latest: pin a version";
        if (versionLock.LocalImages.TryGetValue(reference.Repository, out var local))
            return reference.Pin == local ? null
                : $"image \"{image}\" does not match the lock: versions.yaml localImages pins {reference.Repository} to {local}";
        var pinned = versionLock.Images.TryGetValue(reference.Repository, out var exact) ? exact
            : versionLock.Images.FirstOrDefault(kv => ImageReference.Normalize(kv.Key) == ImageReference.Normalize(reference.Repository)).Value;
        if (pinned is null) return $"image \"{image}\": repository {reference.Repository} is not listed under images: in versions.yaml";
        return pinned == reference.Pin ? null
            : $"image \"{image}\" does not match the lock: versions.yaml pins {reference.Repository} to {pinned}";
    }

    private static IEnumerable<(string Path, string Image)> ImageFields(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = FieldPath.Child(path, key);
                    if (key == "image" && value is JsonValue v && v.TryGetValue<string>(out var image)) yield return (child, image);
                    else foreach (var found in ImageFields(value, child)) yield return found;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var found in ImageFields(array[i], $"{path}[{i}]")) yield return found;
                break;
        }
    }

    /// <summary>
    /// A digest beside the tag, as "@sha256:…": charts spell it <c>sha</c> as bare hex (kube-prometheus-stack, grafana),
    /// <c>sha</c> with its prefix (kube-state-metrics) or <c>digest</c> (cert-manager); see Supply/ChartImages.cs.
    /// </summary>
    private static string Digest(JsonObject image) =>
        (image["digest"] ?? image["sha"])?.ToString() is { Length: > 0 } d ? "@" + (d.StartsWith("sha256:", StringComparison.Ordinal) ? d : "sha256:" + d) : "";

    private static IEnumerable<(string Path, string Repository, string Tag)> RepositoryTags(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
        {
            if (obj["repository"] is JsonValue r && obj["tag"] is JsonValue t && t.ToString().Length > 0)
            {
                var registry = obj["registry"] is JsonValue g && g.ToString().Length > 0 ? g + "/" : "";
                yield return (FieldPath.Child(path, "tag"), registry + r, t + Digest(obj));
            }
            foreach (var (key, value) in obj)
                foreach (var found in RepositoryTags(value, FieldPath.Child(path, key))) yield return found;
        }
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++)
                foreach (var found in RepositoryTags(array[i], $"{path}[{i}]")) yield return found;
    }
}
