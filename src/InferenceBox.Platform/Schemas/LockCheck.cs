using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The lock itself and what refers to it: every chart pin is complete and exact (no ranges, no "latest"); every
/// <c>values/&lt;release&gt;.yaml</c> belongs to a release the lock pins; a <c>helm.sh/chart</c> label names a pinned
/// chart version; the kind node image is pinned by digest.
/// </summary>
public static class LockCheck
{
    public static IEnumerable<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        foreach (var (release, pin) in versionLock.Charts)
        {
            var path = $".charts.{release}";
            if (pin.Chart.Length == 0 || pin.Repo.Length == 0 || pin.Version.Length == 0 || pin.Namespace.Length == 0)
                yield return new ValidationError(VersionLock.FileName, null, path, "a chart pin needs chart, repo, version and namespace");
            else if (!IsExact(pin.Version))
                yield return new ValidationError(VersionLock.FileName, null, path + ".version", $"\"{pin.Version}\" is not an exact version");
        }
        if (!versionLock.Kind.NodeImage.Contains("@sha256:", StringComparison.Ordinal))
            yield return new ValidationError(VersionLock.FileName, null, ".kind.nodeImage", "the kind node image must be pinned by digest (…@sha256:…)");

        var valuesDir = Path.Combine(manifestsDir, "values");
        var valuesFiles = Directory.Exists(valuesDir) ? Directory.GetFiles(valuesDir, "*.yaml") : [];
        foreach (var file in valuesFiles.Order(StringComparer.Ordinal))
        {
            var release = Path.GetFileNameWithoutExtension(file);
            var relative = "values/" + Path.GetFileName(file);
            if (!versionLock.Charts.ContainsKey(release))
                yield return new ValidationError(relative, null, null, $"values for release {release}, which versions.yaml charts: does not pin");
            var (values, unreadable) = Read(file, relative);
            if (unreadable is not null) yield return unreadable;
            foreach (var error in ImageCheck.RunOnValues(relative, values, versionLock)) yield return error;
        }

        foreach (var o in objects)
            if (o.Body["metadata"]?["labels"]?["helm.sh/chart"] is JsonValue label && !MatchesChart(label.ToString(), versionLock))
                yield return new ValidationError(o.File, o.Describe(), ".metadata.labels[\"helm.sh/chart\"]",
                    $"\"{label}\" names no chart version pinned in versions.yaml");
    }

    private static (JsonNode? Values, ValidationError? Error) Read(string file, string relative)
    {
        try
        {
            return (YamlJson.ParseAll(File.ReadAllText(file), relative).FirstOrDefault()?.Node, null);
        }
        catch (InvalidDataException e)
        {
            return (null, new ValidationError(relative, null, null, e.Message));
        }
    }

    private static bool IsExact(string version) =>
        version.Length > 0 && version != "latest" && !version.Any(c => c is '*' or '^' or '~' or '>' or '<' or ' ' or ',' or '|') &&
        !version.Split('.').Any(part => part is "x" or "X");

    private static bool MatchesChart(string label, VersionLock versionLock) =>
        versionLock.Charts.Values.Any(p => label == $"{p.Chart}-{p.Version}" || label == $"{p.Chart}-{p.Version.TrimStart('v')}");
}
