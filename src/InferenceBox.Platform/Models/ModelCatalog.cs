using System.Text.Json;

namespace InferenceBox.Platform.Models;

/// <summary>
/// models/catalog.json: every (tenant, model, version) the platform serves, with its storage, runtime and the
/// probe whose expected answer (computed by models/generate.py) identifies it. Loading validates every entry.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>Where the catalog sits relative to the repository root.</summary>
    public const string RelativePath = "models/catalog.json";

    /// <summary>The file names KServe's sklearnserver loads (exactly one per model folder).</summary>
    public static readonly IReadOnlyList<string> ArtifactExtensions = [".joblib", ".pkl", ".pickle"];

    private ModelCatalog(string path, IReadOnlyList<CatalogModel> models)
    {
        FilePath = path;
        Models = models;
    }

    public string FilePath { get; }
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>The folder holding the catalog; pvc:// models live under it at their storagePath.</summary>
    public string ModelsDirectory => Path.GetDirectoryName(FilePath)!;

    public IReadOnlyList<CatalogModel> Defaults => Models.Where(m => m.Default).ToList();

    /// <summary>The catalog the build copies next to the suite's assembly.</summary>
    public static string BesideAssembly => Path.Combine(AppContext.BaseDirectory, RelativePath);

    private static readonly Lazy<ModelCatalog> OfRunLazy = new(() => Load(BesideAssembly));

    /// <summary>
    /// The run's catalog (the copy beside the assembly), read once per process: the run hook registers it for injection,
    /// and the few static helpers that have no container read the same instance.
    /// </summary>
    public static ModelCatalog OfRun => OfRunLazy.Value;

    public static ModelCatalog Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ModelCatalogException(full, null, null, "does not exist",
                $"The catalog is {RelativePath} in the repository; regenerate it with /usr/bin/python3 models/generate.py");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(full));
        }
        catch (JsonException e)
        {
            throw new ModelCatalogException(full, null, null, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}",
                "Fix the JSON, or rerun /usr/bin/python3 models/generate.py");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("models", out var entries) ||
                entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() == 0)
                throw new ModelCatalogException(full, null, "models", "is missing or not a non-empty array",
                    "The file must look like {\"models\": [ {...}, ... ]}");

            var models = entries.EnumerateArray().Select((e, i) => CatalogEntryReader.Read(full, e, i)).ToList();
            var duplicate = models.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw new ModelCatalogException(full, duplicate.Key, null, $"appears {duplicate.Count()} times",
                    "Keep one entry per (tenant, name, version)");
            return new ModelCatalog(full, models);
        }
    }

    /// <summary>The entry for a tenant's model version; a clear error lists what the catalog does hold.</summary>
    public CatalogModel Get(string tenant, string name, string version) =>
        Models.FirstOrDefault(m => m.Tenant == tenant && m.Name == name && m.Version == version)
        ?? throw new ModelCatalogException(FilePath, $"{tenant}/{name} {version}", null, "is not in the catalog",
            $"Known entries: {string.Join(", ", Models.Select(m => m.Id))}");

    /// <summary>The repository folder a pvc:// model is served from (mounted on the node as /models).</summary>
    public string LocalFolder(CatalogModel model) => Path.Combine(ModelsDirectory, model.StoragePath);

    /// <summary>
    /// The model's one artifact file, once its SHA-256 is the catalog's (issue 19 item 12). The artifacts are pickles:
    /// loading one runs whatever code it names, so nothing may load a file the catalog does not vouch for.
    /// </summary>
    public string VerifiedArtifact(CatalogModel model)
    {
        var files = LocalArtifactFiles(model);
        if (files.Count != 1)
            throw new ModelCatalogException(FilePath, model.Id, "storagePath", $"needs exactly one model file in {LocalFolder(model)}, found {files.Count}",
                "sklearnserver loads exactly one .joblib/.pkl/.pickle; rerun /usr/bin/python3 models/generate.py");
        using var stream = File.OpenRead(files[0]);
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        if (actual != model.Sha256)
            throw new ModelCatalogException(FilePath, model.Id, "sha256", $"expected SHA-256 {model.Sha256} for {files[0]}, got {actual}",
                "The file is not the artifact the catalog names and must not be loaded. Restore it (git checkout models/), or regenerate " +
                "artifacts and catalog together with /usr/bin/python3 models/generate.py and review the change");
        return files[0];
    }

    /// <summary>Files in the model's local folder that KServe's sklearnserver would try to load.</summary>
    public IReadOnlyList<string> LocalArtifactFiles(CatalogModel model)
    {
        var folder = LocalFolder(model);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => ArtifactExtensions.Any(x => f.EndsWith(x, StringComparison.Ordinal))).Order().ToList()
            : [];
    }
}
