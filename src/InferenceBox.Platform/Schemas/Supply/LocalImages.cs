using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>
/// Images built on this machine and <c>kind load</c>ed (the issuer). Two rules keep a missing one from being pulled from a
/// namespace someone else owns: its name starts with a registry that cannot be public (a <c>.local</c> name, reserved
/// for link-local use by RFC 6762 and never delegated in public DNS, or <c>localhost</c>), and every container that runs
/// it says <c>imagePullPolicy: Never</c>, so the kubelet reports ErrImageNeverPull instead of asking any registry.
/// "inferencebox/jwt-issuer" alone would mean docker.io/inferencebox/jwt-issuer.
/// </summary>
public static class LocalImages
{
    public static string? WhyNotLocal(string repository, string tag)
    {
        var registry = repository.Split('/')[0];
        if (!repository.Contains('/') || !(registry.EndsWith(".local", StringComparison.Ordinal) || registry == "localhost"))
            return $"{repository} would resolve to a public registry ({ImageReference.Normalize(repository)}); name it under a registry " +
                   "no one can own, e.g. kind.local/" + repository.Split('/')[^1];
        return tag.Length == 0 || tag == "latest" ? $"{repository} needs a fixed tag (not \"{tag}\")" : null;
    }

    /// <summary>Every container of <paramref name="objects"/> that runs a local image must never pull it.</summary>
    public static IEnumerable<ValidationError> Check(IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        foreach (var o in objects)
            foreach (var (path, container) in Containers(o.Body, ""))
            {
                var image = ImageReference.Parse(container["image"]!.GetValue<string>());
                if (!versionLock.LocalImages.ContainsKey(image.Repository)) continue;
                var policy = container["imagePullPolicy"]?.ToString();
                if (policy != "Never")
                    yield return new ValidationError(o.File, o.Describe(), path + ".imagePullPolicy",
                        $"{image.Repository} is built here and loaded into Kind (versions.yaml localImages): set imagePullPolicy: Never " +
                        $"(now {policy ?? "unset"}), so a missing image fails instead of being pulled");
            }
    }

    /// <summary>Every mapping with a string <c>image</c>: containers, whatever the kind.</summary>
    private static IEnumerable<(string Path, JsonObject Container)> Containers(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
        {
            if (obj["image"] is JsonValue v && v.TryGetValue<string>(out _)) yield return (path, obj);
            foreach (var (key, value) in obj)
                foreach (var found in Containers(value, FieldPath.Child(path, key))) yield return found;
        }
        else if (node is JsonArray array)
            for (var i = 0; i < array.Count; i++)
                foreach (var found in Containers(array[i], $"{path}[{i}]")) yield return found;
    }
}
