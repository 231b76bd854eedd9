using InferenceBox.Specs.Support.Schemas;
using InferenceBox.Specs.Support.Settings;

namespace InferenceBox.Specs.Support.Provisioning.Preflight;

/// <summary>Preflight's manifest check: the same schema and semantic validation the offline tests run.</summary>
public sealed class SchemaManifestCheck(InferenceBoxSettings settings) : IManifestCheck
{
    public async Task<ManifestCheckResult> CheckAsync(string manifestsDir, CancellationToken ct)
    {
        var store = await SchemaStoreLoader.OpenAsync(settings, ct: ct);
        var report = await ManifestValidation.ValidateAsync(manifestsDir, store, ct);
        return new ManifestCheckResult(report.IsValid, report.Errors.Select(e => e.ToString()).ToList());
    }
}
