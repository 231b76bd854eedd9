using InferenceBox.Specs.Support.Schemas;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>Where the repository, the fixtures and the pinned schemas are, for the schema tests.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = InferenceBox.Specs.Support.Run.RunPaths.RequireRepositoryRoot();

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "InferenceBox.Specs.Tests", "Schemas", "Fixtures");

    /// <summary>INFERENCEBOX_SCHEMAS, else &lt;repo&gt;/../shared/schemas when that folder exists; null when neither.</summary>
    public static string? SchemasDir =>
        Environment.GetEnvironmentVariable("INFERENCEBOX_SCHEMAS") is { Length: > 0 } set ? set
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "schemas")) is var shared && Directory.Exists(shared) ? shared
        : null;

    private static readonly Lazy<SchemaStore> Store = new(() => SchemaStore.FromFolder(SchemasDir ?? throw new InvalidOperationException(
        $"No pinned schemas: set INFERENCEBOX_SCHEMAS to the schema folder (CI: ../shared/schemas); {RepoRoot}/../shared/schemas does not exist.")));

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
