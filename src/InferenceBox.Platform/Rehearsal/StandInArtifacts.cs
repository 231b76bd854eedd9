using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Artifacts;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// The rehearsal's chart archives and release files: no network, so each is a stand-in. A chart is a real .tgz holding
/// only <c>&lt;chart&gt;/Chart.yaml</c> (name and version, which is what the helm stand-in reads from it, as helm does:
/// helm/helm@v3.18.4 pkg/chart/loader/archive.go); a release file is one comment line. They go through the same
/// <see cref="ArtifactStore"/> as the real ones (fetch, hash, compare, cached copy re-hashed), so helm and kubectl get
/// the same kind of verified local path; but the checksum demanded is the stand-in's own, since the lock's names bytes
/// the rehearsal does not have. The lock's checksums are tested against real files in ArtifactStoreTests.
/// </summary>
public sealed class StandInArtifacts : IArtifactSource
{
    /// <summary>The rehearsal's store; <paramref name="cacheDir"/> should be the run's own folder, never the real cache.</summary>
    public static ArtifactStore Store(string cacheDir, IProgressChannel? progress = null) =>
        new(cacheDir, new StandInArtifacts(), progress, a => Convert.ToHexStringLower(SHA256.HashData(Bytes(a))));

    public Task FetchAsync(LockedArtifact artifact, string destination, CancellationToken ct) => File.WriteAllBytesAsync(destination, Bytes(artifact), ct);

    public static byte[] Bytes(LockedArtifact artifact) => artifact.Kind == ArtifactKind.Chart
        ? ChartArchive(artifact.Chart!.Chart.Split('/')[^1], artifact.Version)
        : Encoding.UTF8.GetBytes($"# rehearsal stand-in for {artifact.Url}: what it creates is in ReleaseContents.cs\n");

    private static byte[] ChartArchive(string chart, string version)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Ustar))
        {
            var yaml = $"apiVersion: v2\nname: {chart}\nversion: {version}\ndescription: rehearsal stand-in; no templates\n";
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{chart}/Chart.yaml")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(yaml)), ModificationTime = DateTimeOffset.UnixEpoch,
            });
        }
        return buffer.ToArray();
    }

    /// <summary>The name and version in an archive's Chart.yaml: what helm installs from a local .tgz.</summary>
    public static (string Name, string Version) ReadChart(string archive)
    {
        using var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.Split('/') is not [_, "Chart.yaml"] || entry.DataStream is null) continue;
            using var reader = new StreamReader(entry.DataStream);
            var chart = YamlJson.ParseAll(reader.ReadToEnd(), archive + ":" + entry.Name).Single().Node as JsonObject;
            return (chart?["name"]?.ToString() ?? "", chart?["version"]?.ToString() ?? "");
        }
        throw new InvalidDataException($"{archive} holds no <chart>/Chart.yaml, so it is no chart archive helm could install.");
    }
}
