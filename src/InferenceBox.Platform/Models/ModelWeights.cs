using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Models;

/// <summary>
/// One model file pinned under <c>weights:</c> in manifests/versions.yaml: where to download it, its exact size and SHA-256,
/// and the name of its folder (kind binds <c>models/&lt;Name&gt;</c>, which stands for that folder of the host cache).
/// </summary>
public sealed record WeightsPin(string Name, string File, Uri Url, long Size, string Sha256)
{
    /// <summary>The lock's weights, each checked for what a download needs; bad entries are refused with their key named.</summary>
    public static IReadOnlyList<WeightsPin> From(VersionLock versionLock) =>
        versionLock.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => Of(w.Key, w.Value)).ToList();

    public static WeightsPin Of(string name, VersionLock.WeightsEntry entry)
    {
        string Where(string field) => $"manifests/versions.yaml weights.{name}.{field}";
        if (entry.File.Length == 0 || entry.File.Contains('/') || entry.File.Contains('\\'))
            throw new InvalidDataException($"{Where("file")} must be a plain file name, got \"{entry.File}\". Set it to the file the URL downloads.");
        if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            throw new InvalidDataException($"{Where("url")} must be an https URL, got \"{entry.Url}\". Pin the download at a fixed revision.");
        if (entry.Size <= 0)
            throw new InvalidDataException($"{Where("size")} must be the file's size in bytes, got {entry.Size}.");
        if (entry.Sha256.Length != 64 || !entry.Sha256.All(Uri.IsHexDigit))
            throw new InvalidDataException($"{Where("sha256")} must be 64 hex digits, got \"{entry.Sha256}\". Copy the SHA-256 of the exact file.");
        return new WeightsPin(name, entry.File, url, entry.Size, entry.Sha256.ToLowerInvariant());
    }

    public override string ToString() => $"{Name} ({File}, {Size:N0} bytes, SHA-256 {Sha256})";
}

/// <summary>Where the pinned weights live on this machine, verified before any use.</summary>
public interface IModelWeights
{
    /// <summary>The host folder holding <paramref name="pin"/>'s file (what kind binds into the node).</summary>
    string FolderOf(WeightsPin pin);

    /// <summary>True when the file is there with the pinned size and SHA-256.</summary>
    Task<bool> IsVerifiedAsync(WeightsPin pin, CancellationToken ct);

    /// <summary>Downloads the file unless a verified copy is there; throws <see cref="WeightsUnavailableException"/> otherwise.</summary>
    Task EnsureAsync(WeightsPin pin, CancellationToken ct);
}

/// <summary>A pinned model file cannot be had: says which, what was expected, what was found, and what to do.</summary>
public sealed class WeightsUnavailableException(WeightsPin pin, string reason, Exception? inner = null)
    : Exception($"Model weights {pin.File} (versions.yaml weights.{pin.Name}): {reason} Expected {pin.Size:N0} bytes with SHA-256 {pin.Sha256}.", inner)
{
    public WeightsPin Pin { get; } = pin;
}
