using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The single entry point for checking a manifests folder offline (the provisioner's preflight, the offline tests):
/// every object against its pinned schema, the kind cluster config, and the semantic checks.
/// </summary>
public static class ManifestValidation
{
    public static Task<ValidationReport> ValidateAsync(string manifestsDir, SchemaStore store, CancellationToken ct = default) =>
        Task.Run(() => Validate(manifestsDir, store, semantic: true, ct), ct);

    /// <summary>Only the schema validation of every object (no kind config, no semantic checks).</summary>
    public static ValidationReport ValidateSchemas(string manifestsDir, SchemaStore store, CancellationToken ct = default) =>
        Validate(manifestsDir, store, semantic: false, ct);

    private static ValidationReport Validate(string manifestsDir, SchemaStore store, bool semantic, CancellationToken ct)
    {
        var loaded = ManifestLoader.Load(manifestsDir);
        var errors = loaded.Problems.Select(p => new ValidationError(p.File, p.Object, p.Path, p.Message)).ToList();
        if (loaded.Objects.Count == 0)
            errors.Add(new ValidationError(".", null, null, $"no Kubernetes objects found under {manifestsDir}"));
        var validator = new SchemaValidator(store);
        foreach (var obj in loaded.Objects)
        {
            ct.ThrowIfCancellationRequested();
            errors.AddRange(validator.Validate(obj));
        }
        IReadOnlyList<string> gaps = [];
        if (semantic)
        {
            string? nodeImage = null;
            try
            {
                var versionLock = VersionLock.Load(Path.Combine(manifestsDir, VersionLock.FileName));
                nodeImage = versionLock.Kind.NodeImage;
                gaps = Supply.SupplyChainCheck.KnownGaps(versionLock);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException) { /* SemanticChecks reports the unreadable lock */ }
            errors.AddRange(KindClusterCheck.Run(manifestsDir, nodeImage));
            errors.AddRange(SemanticChecks.Run(manifestsDir, loaded.Objects));
        }
        var notes = validator.UncheckedCelRules.Count == 0 ? [] : new List<string>
        {
            $"{validator.UncheckedCelRules.Values.Sum()} CEL rules (x-kubernetes-validations) in the schemas of " +
            $"{string.Join(", ", validator.UncheckedCelRules.Keys.Select(k => k.Kind).Distinct().Order())} were NOT checked: " +
            "a JSON Schema library cannot evaluate them; the API server will.",
        };
        notes.AddRange(gaps);
        return new ValidationReport(manifestsDir, loaded.FileCount, loaded.Objects.Count, errors, notes);
    }
}
