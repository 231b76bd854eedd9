using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>Where the repository, the fixtures and the pinned schemas are, for the schema tests.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot();

    /// <summary>The repository's manifests/versions.yaml, read once.</summary>
    public static VersionLock RepositoryLock => Lock.Value;

    private static readonly Lazy<VersionLock> Lock = new(LoadRepositoryLock);

    /// <summary>A fresh copy of the repository's manifests/versions.yaml, for a test to change.</summary>
    public static VersionLock LoadRepositoryLock() => VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(RepoRoot), VersionLock.FileName));

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "InferenceBox.Specs.Tests", "Schemas", "Fixtures");

    /// <summary>The schema folder by the settings' one rule (INFERENCEBOX_SCHEMAS, else ../shared/schemas beside the
    /// repository when it exists); null when the schemas are to be downloaded.</summary>
    public static string? SchemasDir => SettingsLoader.FromEnvironment().SchemasDir;

    // The folder, or the pinned files downloaded once into INFERENCEBOX_SCHEMAS_CACHE and verified against their sums:
    // what a run does, so the offline tests also work on a machine without ../shared (a CI runner).
    private static readonly Lazy<SchemaStore> Store = new(() =>
        SchemaStoreLoader.OpenAsync(SettingsLoader.FromEnvironment()).GetAwaiter().GetResult());

    /// <summary>The real pinned schemas, indexed once for the whole test run.</summary>
    public static SchemaStore PinnedStore => Store.Value;

    /// <summary>A fresh temp copy of the valid fixture with <paramref name="overlay"/>'s files laid over it.</summary>
    public static string ComposeFixture(string? overlay)
    {
        var target = Path.Combine(Path.GetTempPath(), "inferencebox-schemas-" + Guid.NewGuid().ToString("N")[..8], "manifests");
        Copy(Path.Combine(Fixtures, "valid", "manifests"), target);
        if (overlay is not null) Copy(Path.Combine(Fixtures, overlay, "manifests"), target);
        return target;
    }

    public static void Copy(string from, string to)
    {
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException(from);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}
