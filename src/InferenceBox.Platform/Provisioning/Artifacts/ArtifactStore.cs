using System.Collections.Concurrent;
using System.Security.Cryptography;
using InferenceBox.Platform.Progress;

namespace InferenceBox.Platform.Provisioning.Artifacts;

/// <summary>
/// The verified local copy of each chart archive and release file: fetched once into
/// <c>&lt;cache&gt;/&lt;charts|releases&gt;/&lt;key&gt;/&lt;version&gt;/&lt;file&gt;</c>, used only once its SHA-256 is the lock's,
/// and hashed again before every use, so a cached file changed since is refused too. helm and kubectl get that path,
/// never a URL: helm itself never checks a classic repository's index digest (helm/helm@v3.18.4
/// pkg/downloader/chart_downloader.go DownloadTo writes what it got), and kubectl apply -f URL checks nothing.
/// A known gap (versions.yaml unpinned:) has no checksum to compare with: its first download is kept with its SHA-256
/// written beside it (trust on first use, announced as a warning), and later uses must match that record.
/// </summary>
/// <param name="expectedSha256">The checksum to demand; the lock's, except in the rehearsal, whose archives are stand-ins.</param>
public sealed class ArtifactStore(string cacheDir, IArtifactSource source, IProgressChannel? progress = null,
    Func<LockedArtifact, string?>? expectedSha256 = null)
{
    public const string Phase = "artifacts";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    public string PathOf(LockedArtifact a) =>
        Path.Combine(cacheDir, a.Kind == ArtifactKind.Chart ? "charts" : "releases", a.Key, a.Version, a.FileName);

    /// <summary>The local path of <paramref name="artifact"/>, after its bytes were found to be the pinned ones.</summary>
    public async Task<string> VerifiedPathAsync(LockedArtifact artifact, CancellationToken ct)
    {
        var expected = expectedSha256 is null ? artifact.Sha256 : expectedSha256(artifact);
        if (expected is null && artifact.Gap is null)
            throw new ArtifactRefusedException($"Refusing {artifact.What}: manifests/versions.yaml gives no SHA-256 for it ({artifact.LockKey}) " +
                "and does not list it under unpinned:. Add its checksum, read from a trusted network.");
        var path = PathOf(artifact);
        var gate = _gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) await CheckCachedAsync(artifact, path, expected, ct);
            else await FetchAsync(artifact, path, expected, ct);
            return path;
        }
        finally { gate.Release(); }
    }

    private async Task FetchAsync(LockedArtifact artifact, string path, string? expected, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = path + ".download";
        File.Delete(staging);
        await source.FetchAsync(artifact, staging, ct);
        var actual = await HashAsync(staging, ct);
        if (expected is not null && actual != expected)
        {
            File.Delete(staging);
            throw new ArtifactRefusedException($"Refusing {artifact.What}: expected SHA-256 {expected} (manifests/versions.yaml " +
                $"{artifact.LockKey}), got {actual} from the download. It was deleted and not used. Compare with the publisher's " +
                "checksum from a trusted network: a file changed under the same version is the reason to look before trusting it.");
        }
        if (expected is null)
        {
            await File.WriteAllTextAsync(RecordOf(path), actual + "\n", ct);
            Warn($"{artifact.What} has no checksum in the lock (known gap: {artifact.Gap}); downloaded with SHA-256 {actual}, " +
                $"recorded in {RecordOf(path)} for later runs. Check it from a trusted network and add it as {artifact.LockKey}.");
        }
        File.Move(staging, path, overwrite: true); // only a verified (or recorded) file appears under its final name
        Say($"{artifact.What}: SHA-256 {actual}, {(expected is null ? "recorded" : "verified")} -> {path}");
    }

    private async Task CheckCachedAsync(LockedArtifact artifact, string path, string? expected, CancellationToken ct)
    {
        var actual = await HashAsync(path, ct);
        var (reference, from) = expected is not null ? (expected, $"manifests/versions.yaml {artifact.LockKey}")
            : File.Exists(RecordOf(path)) ? ((await File.ReadAllTextAsync(RecordOf(path), ct)).Trim(), $"the first download's record {RecordOf(path)}")
            : (null, "");
        if (reference is null)
        {
            await File.WriteAllTextAsync(RecordOf(path), actual + "\n", ct);
            Warn($"{artifact.What} has no checksum in the lock (known gap: {artifact.Gap}); the cached copy's SHA-256 {actual} is recorded now.");
        }
        else if (actual != reference)
            throw new ArtifactRefusedException($"Refusing {artifact.What}: expected SHA-256 {reference} ({from}), got {actual} from the " +
                $"cached copy {path}, which changed after it was verified. It was not used. Delete it to download it again, and find out what changed it.");
    }

    private static string RecordOf(string path) => path + ".sha256";

    private static async Task<string> HashAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private void Say(string line) => progress?.Report(new ProgressEvent(ProgressKind.Info, Phase, line));
    private void Warn(string line) => progress?.Report(new ProgressEvent(ProgressKind.Warning, Phase, line));
}
