using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace InferenceBox.Platform.Tools;

/// <summary>
/// Finds kind, helm and kubectl by their bytes, never by what they say their version is (issue 19 item 12): the PATH
/// copy when its SHA-256 is the pinned binary's; else the pinned release in <c>&lt;cache&gt;/&lt;tool&gt;/&lt;version&gt;/</c>,
/// downloaded once, used only after its SHA-256 matches the lock, and hashed again before every later use.
/// kind and kubectl are published as bare binaries, so the lock's SHA-256 is the binary's. helm is published as a
/// tarball: the lock's SHA-256 is the tarball's, which is kept in the cache, so the binary's own hash is always that of
/// the member of a verified tarball. Before such a tarball is cached, a helm on PATH cannot be verified and is not used.
/// </summary>
public sealed class ToolResolver(string cacheDir, HttpClient http, TimeSpan downloadBudget, string? platform = null, string? searchPath = null)
{
    private readonly string _platform = platform ?? ToolPin.CurrentPlatform();

    public async Task<string> ResolveAsync(ToolPin pin, CancellationToken ct)
    {
        if (!pin.Sha256.TryGetValue(_platform, out var sha) || string.IsNullOrWhiteSpace(sha))
            throw new ToolUnavailableException(pin.Name, $"manifests/versions.yaml has no tools.{pin.Name}.sha256.{_platform}, so neither a " +
                $"download nor a {pin.Name} on PATH can be verified. Add the checksum of the {pin.Name} {pin.Version} release for {_platform}.");
        var expected = sha.Trim().ToLowerInvariant();
        var cached = CachedPath(pin);
        if (FindOnPath(pin.Name) is { } onPath && await PinnedBinaryHashAsync(pin, expected, ct) is { } binary
            && await HashAsync(onPath, ct) == binary)
            return onPath;
        if (File.Exists(cached)) await VerifyCachedAsync(pin, cached, expected, ct);
        else await DownloadAsync(pin, cached, expected, ct);
        return cached;
    }

    public string CachedPath(ToolPin pin) => Path.Combine(cacheDir, pin.Name, pin.Version, pin.Name);

    /// <summary>The verified tarball a binary was taken from, kept so the binary can be checked against it again.</summary>
    private string ArchivePath(ToolPin pin) => Path.Combine(cacheDir, pin.Name, pin.Version, Path.GetFileName(pin.DownloadUrl(_platform).LocalPath));

    private bool IsArchive(ToolPin pin) =>
        ArchivePath(pin).EndsWith(".tar.gz", StringComparison.Ordinal) || ArchivePath(pin).EndsWith(".tgz", StringComparison.Ordinal);

    /// <summary>The SHA-256 the binary itself must have, when it can be known: the lock's, or the member's of a verified tarball.</summary>
    private async Task<string?> PinnedBinaryHashAsync(ToolPin pin, string expected, CancellationToken ct)
    {
        if (!IsArchive(pin)) return expected;
        var archive = ArchivePath(pin);
        return File.Exists(archive) && await HashAsync(archive, ct) == expected ? await MemberHashAsync(pin.Name, archive, ct) : null;
    }

    private async Task VerifyCachedAsync(ToolPin pin, string cached, string expected, CancellationToken ct)
    {
        var actual = await HashAsync(cached, ct);
        var binary = await PinnedBinaryHashAsync(pin, expected, ct);
        if (binary == actual) return;
        var folder = Path.GetDirectoryName(cached)!;
        throw new ToolUnavailableException(pin.Name, binary is null
            ? $"the cached copy {cached} cannot be checked: the verified tarball it came from ({ArchivePath(pin)}, SHA-256 {expected} in the lock) " +
              $"is missing or changed. It was not used; delete {folder} to download it again."
            : $"the cached copy {cached} has SHA-256 {actual}, but the pinned binary's is {binary} (lock: {expected}): it changed after it " +
              $"was verified. It was not used; delete {folder} to download it again, and find out what changed it.");
    }

    private async Task DownloadAsync(ToolPin pin, string target, string expected, CancellationToken ct)
    {
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
                $"Put the pinned {pin.Name} {pin.Version} on PATH (it is used if its SHA-256 is the lock's), or place the verified binary at {target}.", e);
        }

        var actual = await HashAsync(download, ct);
        if (actual != expected)
        {
            File.Delete(download);
            throw new ToolUnavailableException(pin.Name, $"the download from {url} has SHA-256 {actual}, but the lock expects {expected}. " +
                "The file was deleted and will not be used; check the lock's checksum or the download source.");
        }
        var staging = target + ".staging";
        if (IsArchive(pin))
        {
            File.Move(download, ArchivePath(pin), overwrite: true);
            await using var member = await OpenMemberAsync(pin.Name, ArchivePath(pin), ct);
            await using (var file = File.Create(staging)) await member.CopyToAsync(file, ct);
        }
        else File.Move(download, staging, overwrite: true);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                          UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.Move(staging, target, overwrite: true); // only a verified binary ever appears under its final name
    }

    private static async Task<string> MemberHashAsync(string tool, string archive, CancellationToken ct)
    {
        await using var member = await OpenMemberAsync(tool, archive, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(member, ct));
    }

    /// <summary>The regular file named <paramref name="tool"/> in a .tar.gz (helm's is &lt;os&gt;-&lt;arch&gt;/helm), copied out.</summary>
    private static async Task<Stream> OpenMemberAsync(string tool, string archive, CancellationToken ct)
    {
        await using var gz = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        await using var tar = new TarReader(gz);
        while (await tar.GetNextEntryAsync(cancellationToken: ct) is { } entry)
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && Path.GetFileName(entry.Name) == tool && entry.DataStream is not null)
            {
                var copy = new MemoryStream();
                await entry.DataStream.CopyToAsync(copy, ct);
                copy.Position = 0;
                return copy;
            }
        throw new ToolUnavailableException(tool, $"the archive {archive} holds no file named {tool}.");
    }

    private static async Task<string> HashAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private string? FindOnPath(string tool) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}

/// <summary>A tool can be neither found nor downloaded and verified: says why and what to do.</summary>
public sealed class ToolUnavailableException(string tool, string reason, Exception? inner = null)
    : Exception($"Cannot use {tool}: {reason}", inner)
{
    public string Tool { get; } = tool;
}
