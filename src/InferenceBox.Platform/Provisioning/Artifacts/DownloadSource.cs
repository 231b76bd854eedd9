using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Provisioning.Artifacts;

/// <summary>
/// The real downloads: a chart with <c>helm pull</c> (classic repository or OCI, as the lock addresses it) into an empty
/// folder of its own, a release file with an HTTP GET. Each is bounded by <paramref name="budget"/>. Neither checks
/// anything: <see cref="ArtifactStore"/> does, on the bytes that arrived.
/// </summary>
public sealed class DownloadSource(IToolRunner tools, HttpClient http, TimeSpan budget) : IArtifactSource
{
    public Task FetchAsync(LockedArtifact artifact, string destination, CancellationToken ct) =>
        artifact.Kind == ArtifactKind.Chart ? HelmPullAsync(artifact, destination, ct) : GetAsync(artifact.Url!, destination, ct);

    /// <summary>
    /// helm names the file after the URL's last segment, or "&lt;name&gt;-&lt;tag&gt;.tgz" for OCI (helm/helm@v3.18.4
    /// pkg/downloader/chart_downloader.go DownloadTo), so the one .tgz in the empty folder is taken, whatever its name.
    /// </summary>
    private async Task HelmPullAsync(LockedArtifact artifact, string destination, CancellationToken ct)
    {
        var folder = destination + ".pull";
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        try
        {
            await tools.RunCheckedAsync("helm", ["pull", .. HelmReleasePhase.ChartReference(artifact.Chart!), "--version", artifact.Version, "-d", folder],
                budget, ct);
            var archives = Directory.GetFiles(folder, "*.tgz");
            if (archives.Length != 1)
                throw new InvalidOperationException($"`helm pull` of {artifact.What} wrote {archives.Length} .tgz files into {folder}; expected one.");
            File.Move(archives[0], destination, overwrite: true);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private async Task GetAsync(Uri url, string destination, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(budget);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            response.EnsureSuccessStatusCode();
            await using var file = File.Create(destination);
            await response.Content.CopyToAsync(file, bounded.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            File.Delete(destination);
            throw new InvalidOperationException($"Could not download {url} within {budget.TotalSeconds:0}s ({e.Message}); offline? " +
                "The provisioner needs the release files once; later runs use the verified copies in its cache.", e);
        }
    }
}
