using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>One entry of the lock's <c>images:</c> read as a reference: repository, tag and digest (either may be absent).</summary>
public sealed record LockedImage(string Repository, string? Tag, string? Digest)
{
    public static LockedImage Read(string repository, string pin)
    {
        var reference = ImageReference.Parse(repository + (pin.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + pin);
        return new LockedImage(repository, reference.Tag, reference.Digest);
    }

    /// <summary>The lock's entry for <paramref name="repository"/>, matched as Docker resolves names ("nginx" = "docker.io/library/nginx").</summary>
    public static LockedImage? Find(VersionLock versionLock, string repository) =>
        versionLock.Images.TryGetValue(repository, out var exact) ? Read(repository, exact)
        : versionLock.Images.Where(kv => ImageReference.Normalize(kv.Key) == ImageReference.Normalize(repository))
            .Select(kv => Read(kv.Key, kv.Value)).FirstOrDefault();

    public bool HasDigest => Sha256Text.IsDigest(Digest);

    public override string ToString() => Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
