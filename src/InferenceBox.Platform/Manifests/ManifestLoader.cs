using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Manifests;

/// <summary>One problem with one file (relative to manifests/), its object if known, the field path and what is wrong.</summary>
public sealed record ManifestProblem(string File, string? Object, string? Path, string Message)
{
    public override string ToString() =>
        $"{File}{(Object is null ? "" : ": " + Object)}{(Path is null ? "" : " at " + Path)}: {Message}";
}

/// <summary>The objects of a manifests folder, and the files that could not be read as Kubernetes objects.</summary>
public sealed record LoadedManifests(int FileCount, IReadOnlyList<ManifestObject> Objects, IReadOnlyList<ManifestProblem> Problems);

/// <summary>
/// The one reader of manifests: YAML through <see cref="YamlJson"/> into <see cref="ManifestObject"/>s. Preflight
/// validates what <see cref="Load"/> returns; the provisioner applies what <see cref="Folder"/> returns, which is
/// the same bytes, read by the same code.
/// </summary>
public static class ManifestLoader
{
    /// <summary>Everything under <paramref name="manifestsDir"/>: the objects, and what could not be read (for the validator).</summary>
    public static LoadedManifests Load(string manifestsDir, string folder = "")
    {
        if (!Directory.Exists(manifestsDir))
            throw new DirectoryNotFoundException($"Manifests folder {manifestsDir} does not exist.");
        var files = ManifestFiles.Under(manifestsDir, folder);
        var objects = new List<ManifestObject>();
        var problems = new List<ManifestProblem>();
        foreach (var file in files)
        {
            try
            {
                objects.AddRange(Documents(File.ReadAllText(Path.Combine(manifestsDir, file)), file, problems));
            }
            catch (InvalidDataException e)
            {
                problems.Add(new ManifestProblem(file, null, null, e.Message));
            }
        }
        return new LoadedManifests(files.Count, objects, problems);
    }

    /// <summary>
    /// The objects of one folder of manifests/ for the provisioner: every object must be readable and name its
    /// apiVersion, kind and metadata.name, else one error names the file, document and line.
    /// </summary>
    public static IReadOnlyList<ManifestObject> Folder(string manifestsDir, string folder)
    {
        if (!Directory.Exists(manifestsDir)) return [];
        var loaded = Load(manifestsDir, folder);
        if (loaded.Problems.Count > 0)
            throw new InvalidDataException($"Cannot read manifests/{folder}: {string.Join("; ", loaded.Problems)}. Fix the file; " +
                                           "`dotnet test tests/InferenceBox.Specs.Tests --filter Manifests` validates them offline.");
        foreach (var o in loaded.Objects) RequireIdentity(o);
        return loaded.Objects;
    }

    /// <summary>Objects from YAML text (e.g. a tool's output); <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ManifestObject> Parse(string yaml, string source)
    {
        var problems = new List<ManifestProblem>();
        var objects = Documents(yaml, source, problems).ToList();
        if (problems.Count > 0) throw new InvalidDataException(string.Join("; ", problems));
        foreach (var o in objects) RequireIdentity(o);
        return objects;
    }

    private static IEnumerable<ManifestObject> Documents(string yaml, string file, List<ManifestProblem> problems)
    {
        foreach (var document in YamlJson.ParseAll(yaml, file))
        {
            if (document.Node is null) continue; // an empty or comment-only document, e.g. after a trailing ---
            if (document.Node is JsonObject body)
                yield return new ManifestObject(file, document.Index, document.Line, body);
            else
                problems.Add(new ManifestProblem(file, $"document {document.Index + 1}, line {document.Line}", null,
                    $"expected a Kubernetes object (a mapping), found {document.Node.GetValueKind()}"));
        }
    }

    private static void RequireIdentity(ManifestObject o)
    {
        foreach (var (field, value) in new[] { ("apiVersion", o.ApiVersion), ("kind", o.Kind), ("metadata.name", o.Name) })
            if (value is not { Length: > 0 })
                throw new InvalidDataException($"{o.File} document {o.DocumentIndex + 1} (line {o.Line}): missing {field}.");
    }
}
