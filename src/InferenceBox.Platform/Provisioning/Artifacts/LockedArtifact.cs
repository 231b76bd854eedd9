using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas.Supply;

namespace InferenceBox.Platform.Provisioning.Artifacts;

public enum ArtifactKind { Chart, Release }

/// <summary>
/// One file the provisioner downloads and hands to helm or kubectl, as manifests/versions.yaml pins it: a chart archive
/// (<see cref="Chart"/>) or a release file (<see cref="Url"/>), with its SHA-256, or the reason it has none.
/// </summary>
public sealed record LockedArtifact(ArtifactKind Kind, string Key, string Version, string FileName, string? Sha256, string? Gap)
{
    public VersionLock.ChartEntry? Chart { get; init; }
    public Uri? Url { get; init; }

    /// <summary>What the artifact is, for messages: "chart kube-prometheus-stack (kube-prometheus-stack 75.6.0)".</summary>
    public string What => Kind == ArtifactKind.Chart
        ? $"chart {Key} ({Chart!.Chart} {Version} from {Chart.Repo})"
        : $"release file {Url} ({Key} {Version})";

    /// <summary>Where versions.yaml keeps its checksum, for "what to do".</summary>
    public string LockKey => Kind == ArtifactKind.Chart ? $"charts.{Key}.sha256" : $"releases.{Key}.sha256.{FileName}";

    public static LockedArtifact ForChart(VersionLock versionLock, string key)
    {
        var entry = versionLock.Charts.TryGetValue(key, out var e) ? e
            : throw new InvalidDataException($"manifests/versions.yaml has no charts.{key} entry.");
        return new(ArtifactKind.Chart, key, entry.Version, $"{entry.Chart.Split('/')[^1]}-{entry.Version}.tgz",
            entry.Sha256 is { Length: > 0 } sha ? sha : null, versionLock.Unpinned.Charts.GetValueOrDefault(key)) { Chart = entry };
    }

    public static LockedArtifact ForRelease(VersionLock versionLock, string key, string url)
    {
        var entry = versionLock.Release(key);
        var file = SupplyChainCheck.FileName(url);
        return new(ArtifactKind.Release, key, entry.Version, file, entry.Sha256.GetValueOrDefault(file),
            versionLock.Unpinned.Releases.GetValueOrDefault(key)) { Url = new Uri(url) };
    }
}

/// <summary>Brings an artifact's bytes to a file: the download (helm pull, HTTP GET), or the rehearsal's stand-in.</summary>
public interface IArtifactSource
{
    Task FetchAsync(LockedArtifact artifact, string destination, CancellationToken ct);
}

/// <summary>
/// An artifact that must not be used: its bytes are not the ones the lock names (or the lock names none). One error:
/// what, expected, got, what to do.
/// </summary>
public sealed class ArtifactRefusedException(string message) : Exception(message);
