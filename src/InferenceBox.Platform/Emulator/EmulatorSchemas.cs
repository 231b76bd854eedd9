using System.Collections.Concurrent;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Emulator;

/// <summary>
/// The pinned schemas, opened (verified and parsed: ~16 MiB of YAML and JSON) once per process and folder, so every
/// emulator started afterwards costs only its own startup. Built schemas are cached inside the store too.
/// </summary>
public static class EmulatorSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<SchemaStore>>> Stores = new();

    /// <summary>The store of the folder the settings name (INFERENCEBOX_SCHEMAS, or the verified download cache).</summary>
    public static Task<SchemaStore> OpenAsync(InferenceBoxSettings settings, CancellationToken ct = default) =>
        Stores.GetOrAdd(settings.SchemasDir ?? settings.SchemasCacheDir,
            _ => new Lazy<Task<SchemaStore>>(() => SchemaStoreLoader.OpenAsync(settings, ct: CancellationToken.None))).Value.WaitAsync(ct);

    /// <summary>The store of a folder of pinned schemas (tests: ../shared/schemas).</summary>
    public static SchemaStore Open(string folder) =>
        Stores.GetOrAdd(Path.GetFullPath(folder), f => new Lazy<Task<SchemaStore>>(() => Task.FromResult(SchemaStore.FromFolder(f)))).Value.GetAwaiter().GetResult();
}
