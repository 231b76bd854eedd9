namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>The result of validating every manifest: each error names file, object and field path.</summary>
public sealed record ManifestCheckResult(bool IsValid, IReadOnlyList<string> Errors);

/// <summary>
/// Port for the schema validation of manifests/ (the same as the offline test). The run hook plugs in an adapter
/// over src/InferenceBox.Platform/Schemas' ManifestValidation; preflight refuses to apply anything when it reports errors.
/// </summary>
public interface IManifestCheck
{
    Task<ManifestCheckResult> CheckAsync(string manifestsDir, CancellationToken ct);
}
