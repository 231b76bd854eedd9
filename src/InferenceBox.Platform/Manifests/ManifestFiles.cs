namespace InferenceBox.Platform.Manifests;

/// <summary>
/// The one rule for which files under manifests/ hold Kubernetes objects: every <c>*.yaml</c> / <c>*.yml</c> except
/// the version lock (<c>versions.yaml</c>), tool configuration (<c>kind/</c>), helm values (<c>values/</c>) and
/// dashboards (<c>dashboards/</c>, turned into ConfigMaps by the provisioner). Preflight, the provisioner's phases
/// and the tests all ask this class.
/// </summary>
public static class ManifestFiles
{
    public const string FolderName = "manifests";
    public const string VersionLockFile = "versions.yaml";

    /// <summary>
    /// The manifests folder of the repository at <paramref name="repoRoot"/>: the one place its path is worked out, for the
    /// provisioner, the rehearsal, the report and the tests alike (never a copy beside a binary, which a rebuild may not
    /// have refreshed).
    /// </summary>
    public static string FolderOf(string repoRoot) => Path.Combine(repoRoot, FolderName);
    private static readonly string[] NotObjects = ["kind/", "values/", "dashboards/"];

    /// <summary>Whether the file at <paramref name="relativePath"/> (relative to manifests/, '/' separated) holds objects.</summary>
    public static bool HoldsObjects(string relativePath) =>
        (relativePath.EndsWith(".yaml", StringComparison.Ordinal) || relativePath.EndsWith(".yml", StringComparison.Ordinal))
        && relativePath != VersionLockFile
        && !NotObjects.Any(prefix => relativePath.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The object files under <paramref name="folder"/> (relative to manifests/; "" for all), relative to manifests/, sorted.</summary>
    public static IReadOnlyList<string> Under(string manifestsDir, string folder = "")
    {
        var root = Path.Combine(manifestsDir, folder);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(manifestsDir, f).Replace('\\', '/'))
            .Where(HoldsObjects)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
