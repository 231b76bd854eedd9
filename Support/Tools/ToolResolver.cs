using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace InferenceBox.Specs.Support.Tools;

/// <summary>
/// Finds kind, helm and kubectl: the PATH copy when its version matches the lock; else the pinned release in
/// <c>&lt;cache&gt;/&lt;tool&gt;/&lt;version&gt;/</c>, downloaded once and used only after its SHA-256 matches the lock.
/// </summary>
public sealed class ToolResolver(string cacheDir, HttpClient http, IToolVersionProbe probe, TimeSpan downloadBudget,
    string? platform = null, string? searchPath = null)
{
    private readonly string _platform = platform ?? ToolPin.CurrentPlatform();

    public async Task<string> ResolveAsync(ToolPin pin, CancellationToken ct)
    {
        var onPath = FindOnPath(pin.Name);
        if (onPath is not null && Same(await probe.VersionAsync(onPath, pin.Name, ct), pin.Version)) return onPath;

        var cached = CachedPath(pin);
        if (File.Exists(cached)) return cached;
        await DownloadAsync(pin, cached, ct);
        return cached;
    }

    public string CachedPath(ToolPin pin) => Path.Combine(cacheDir, pin.Name, pin.Version, pin.Name);

    private async Task DownloadAsync(ToolPin pin, string target, CancellationToken ct)
    {
        if (!pin.Sha256.TryGetValue(_platform, out var expected) || string.IsNullOrWhiteSpace(expected))
            throw new ToolUnavailableException(pin.Name, $"manifests/versions.yaml has no tools.{pin.Name}.sha256.{_platform}, " +
                $"so a download cannot be verified. Add the checksum, or install {pin.Name} {pin.Version} on PATH.");
        var url = pin.DownloadUrl(_platform);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var download = Path.Combine(folder, Path.GetFileName(url.LocalPath) + ".download");
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(downloadBudget);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            response.EnsureSuccessStatusCode();
            await using (var file = File.Create(download)) await response.Content.CopyToAsync(file, bounded.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            File.Delete(download);
            throw new ToolUnavailableException(pin.Name, $"could not download {url} ({e.Message}); offline? " +
                $"Install {pin.Name} {pin.Version} on PATH, or place the verified binary at {target}.", e);
        }

        string actual;
        await using (var downloaded = File.OpenRead(download))
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(downloaded, ct));
        if (!actual.Equals(expected.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(download);
            throw new ToolUnavailableException(pin.Name, $"the download from {url} has SHA-256 {actual}, but the lock expects {expected}. " +
                "The file was deleted and will not be used; check the lock's checksum or the download source.");
        }
        await InstallAsync(pin.Name, download, target, ct);
    }

    private static async Task InstallAsync(string tool, string download, string target, CancellationToken ct)
    {
        var staging = target + ".staging";
        if (download.EndsWith(".tar.gz.download", StringComparison.Ordinal) || download.EndsWith(".tgz.download", StringComparison.Ordinal))
        {
            await using var gz = new GZipStream(File.OpenRead(download), CompressionMode.Decompress);
            await using var tar = new TarReader(gz);
            TarEntry? entry;
            while ((entry = await tar.GetNextEntryAsync(cancellationToken: ct)) is not null
                   && !(entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && Path.GetFileName(entry.Name) == tool)) { }
            if (entry is null) throw new ToolUnavailableException(tool, $"the archive {download} holds no file named {tool}.");
            await entry.ExtractToFileAsync(staging, overwrite: true, ct);
            File.Delete(download);
        }
        else File.Move(download, staging, overwrite: true);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                          UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.Move(staging, target, overwrite: true); // only a verified binary ever appears under its final name
    }

    private string? FindOnPath(string tool) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static bool Same(string? found, string pinned) =>
        found is not null && found.TrimStart('v') == pinned.TrimStart('v');
}

/// <summary>A tool can be neither found nor downloaded and verified: says why and what to do.</summary>
public sealed class ToolUnavailableException(string tool, string reason, Exception? inner = null)
    : Exception($"Cannot use {tool}: {reason}", inner)
{
    public string Tool { get; } = tool;
}
