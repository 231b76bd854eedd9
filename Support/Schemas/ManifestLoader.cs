using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Schemas;

/// <summary>The objects of a manifests folder, and the files that could not be read as Kubernetes objects.</summary>
public sealed record LoadedManifests(int FileCount, IReadOnlyList<ManifestObject> Objects, IReadOnlyList<ValidationError> Errors);

/// <summary>
/// Reads every <c>*.yaml</c> of a manifests folder that holds cluster objects. Skips what the layout says is not a
/// cluster object: <c>versions.yaml</c> (the lock), <c>kind/</c> (tool config), <c>values/</c> (helm values) and
/// <c>dashboards/</c>.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] NotObjects = ["kind/", "values/", "dashboards/"];

    public static IReadOnlyList<string> ObjectFiles(string manifestsDir) =>
        Directory.EnumerateFiles(manifestsDir, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(manifestsDir, f).Replace('\\', '/'))
            .Where(f => f != "versions.yaml" && !NotObjects.Any(prefix => f.StartsWith(prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static LoadedManifests Load(string manifestsDir)
    {
        if (!Directory.Exists(manifestsDir))
            throw new DirectoryNotFoundException($"Manifests folder {manifestsDir} does not exist.");
        var files = ObjectFiles(manifestsDir);
        var objects = new List<ManifestObject>();
        var errors = new List<ValidationError>();
        foreach (var file in files)
        {
            IReadOnlyList<YamlDocumentNode> documents;
            try
            {
                documents = YamlJson.ParseAll(File.ReadAllText(Path.Combine(manifestsDir, file)), file);
            }
            catch (InvalidDataException e)
            {
                errors.Add(new ValidationError(file, null, null, e.Message));
                continue;
            }
            foreach (var document in documents)
            {
                if (document.Node is null) continue; // an empty document, e.g. after a trailing ---
                if (document.Node is JsonObject body)
                    objects.Add(new ManifestObject(file, document.Index, document.Line, body));
                else
                    errors.Add(new ValidationError(file, $"document {document.Index + 1}, line {document.Line}", null,
                        $"expected a Kubernetes object (a mapping), found {document.Node.GetValueKind()}"));
            }
        }
        return new LoadedManifests(files.Count, objects, errors);
    }
}
