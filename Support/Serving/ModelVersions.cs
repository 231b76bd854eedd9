using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The versions of one tenant's model as models/catalog.json lists them: the shared probe input, and the output
/// each version gives on it. The versions must answer the probe differently, or a split cannot be told apart.
/// </summary>
public sealed record ModelVersions(string Tenant, string Model, double[][] ProbeInput,
    IReadOnlyDictionary<string, IReadOnlyList<long>> OutputByVersion, IReadOnlyDictionary<string, string> StorageUriByVersion)
{
    /// <summary>The versions of <paramref name="tenant"/>'s <paramref name="model"/> in the run's catalog, read once (<see cref="ModelCatalog.OfRun"/>).</summary>
    public static ModelVersions Of(ModelCatalog catalog, string tenant, string model)
    {
        var path = catalog.FilePath;
        var entries = catalog.Models.Where(m => m.Tenant == tenant && m.Name == model).ToArray();
        if (entries.Length == 0)
            throw new InvalidDataException($"{path} has no entry for {tenant}/{model}; add one per version (see the catalog format in the README).");
        if (entries.FirstOrDefault(e => e.ProbeInput is null || e.ExpectedOutput is null) is { } unprobed)
            throw new InvalidDataException($"{path}: {unprobed.Id} has no probeInput/expectedOutput, so its answers cannot be told apart.");
        var outputs = entries.ToDictionary(e => e.Version, e => (IReadOnlyList<long>)e.ExpectedOutput!.ToArray());
        var clashes = outputs.GroupBy(o => string.Join(",", o.Value)).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(o => o.Key))).ToArray();
        if (clashes.Length > 0)
            throw new InvalidDataException($"{path}: versions {string.Join("; ", clashes)} of {tenant}/{model} give the same probe output, so answers cannot be told apart.");
        return new ModelVersions(tenant, model,
            entries[0].ProbeInput!,
            outputs, entries.ToDictionary(e => e.Version, e => e.StorageUri));
    }

    /// <summary>The version whose expected output equals <paramref name="output"/>, or null for an unknown answer.</summary>
    public string? VersionOf(IReadOnlyList<long> output) =>
        OutputByVersion.FirstOrDefault(v => v.Value.SequenceEqual(output)).Key;

    public string StorageUri(string version) => StorageUriByVersion.TryGetValue(version, out var uri) ? uri
        : throw new InvalidDataException($"The catalog has no version '{version}' of {Tenant}/{Model}; it has {string.Join(", ", StorageUriByVersion.Keys)}.");
}
