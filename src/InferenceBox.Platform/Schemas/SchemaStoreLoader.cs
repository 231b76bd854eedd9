using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Opens the <see cref="SchemaStore"/> the settings name: the folder INFERENCEBOX_SCHEMAS points at, or, when it is
/// unset, the pinned files downloaded once into INFERENCEBOX_SCHEMAS_CACHE. Either way every file listed in the
/// folder's SHA256SUMS is verified before use.
/// </summary>
public static class SchemaStoreLoader
{
    public static async Task<SchemaStore> OpenAsync(InferenceBoxSettings settings, HttpClient? http = null,
        TimeSpan? retryDelay = null, CancellationToken ct = default)
    {
        var folder = settings.SchemasDir;
        if (folder is null)
        {
            folder = settings.SchemasCacheDir;
            var limit = new WaitBudgets(settings.TimeoutScale).ToolDownload;
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(limit);
            using var owned = http is null ? new HttpClient() : null;
            try
            {
                await new SchemaDownloader(http ?? owned!, SchemaPins.Embedded, retryDelay).EnsureAsync(folder, budget.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new SchemaDownloadException($"Downloading the pinned schemas into {folder} took longer than the " +
                    $"'{WaitBudgets.Names.ToolDownload}' budget ({limit}). Set INFERENCEBOX_SCHEMAS to a local copy, or raise INFERENCEBOX_TIMEOUT_SCALE.", e);
            }
        }
        await VerifyAsync(folder, ct);
        return SchemaStore.FromFolder(folder);
    }

    /// <summary>Refuses a folder whose files differ from its own SHA256SUMS (when it has one).</summary>
    public static async Task VerifyAsync(string folder, CancellationToken ct)
    {
        var sums = Path.Combine(folder, "SHA256SUMS");
        if (!File.Exists(sums)) return;
        foreach (var (file, expected) in SchemaPins.ParseSums(await File.ReadAllTextAsync(sums, ct)))
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new SchemaDownloadException($"Schema folder {folder} lacks {file}, which its SHA256SUMS lists.");
            var actual = await SchemaDownloader.Sha256Async(path, ct);
            if (actual != expected)
                throw new SchemaDownloadException(
                    $"Refusing schema {path}: its SHA-256 is {actual}, SHA256SUMS says {expected}. Restore the file or point INFERENCEBOX_SCHEMAS elsewhere.");
        }
    }
}
