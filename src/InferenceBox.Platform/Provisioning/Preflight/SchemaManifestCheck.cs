using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>Preflight's manifest check: the same schema and semantic validation the offline tests run.</summary>
public sealed class SchemaManifestCheck(Func<CancellationToken, Task<SchemaStore>> openSchemas) : IManifestCheck
{
    /// <summary>With the schemas the settings name (INFERENCEBOX_SCHEMAS, or the verified download).</summary>
    public SchemaManifestCheck(InferenceBoxSettings settings) : this(ct => SchemaStoreLoader.OpenAsync(settings, ct: ct)) { }

    public async Task<ManifestCheckResult> CheckAsync(string manifestsDir, CancellationToken ct)
    {
        var store = await openSchemas(ct);
        var report = await ManifestValidation.ValidateAsync(manifestsDir, store, ct);
        return new ManifestCheckResult(report.IsValid, report.Errors.Select(e => e.ToString()).ToList());
    }
}
