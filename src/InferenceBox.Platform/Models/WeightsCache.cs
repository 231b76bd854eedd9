using System.Security.Cryptography;

namespace InferenceBox.Platform.Models;

/// <summary>
/// The host cache of pinned model files, as the tool cache is for the pinned tools (src/InferenceBox.Platform/Tools/ToolResolver.cs):
/// <c>&lt;cache&gt;/&lt;name&gt;/&lt;sha256&gt;/&lt;file&gt;</c>, downloaded once, and only a file whose size and SHA-256 match the pin
/// ever carries the final name. A cached file is verified again on every use (hashing ~0.5 GB takes seconds), so a copy
/// damaged since is refused rather than mounted into the node. The SHA-256 in the folder name keeps an older pin's file apart.
/// </summary>
public sealed class WeightsCache(string cacheDir, HttpClient http, TimeSpan downloadBudget) : IModelWeights
{
    public string FolderOf(WeightsPin pin) => Path.Combine(Path.GetFullPath(cacheDir), pin.Name, pin.Sha256);

    private string PathOf(WeightsPin pin) => Path.Combine(FolderOf(pin), pin.File);

    public async Task<bool> IsVerifiedAsync(WeightsPin pin, CancellationToken ct) =>
        File.Exists(PathOf(pin)) && await ProblemAsync(pin, PathOf(pin), ct) is null;

    public async Task EnsureAsync(WeightsPin pin, CancellationToken ct)
    {
        var target = PathOf(pin);
        if (File.Exists(target))
        {
            if (await ProblemAsync(pin, target, ct) is { } damaged)
                throw new WeightsUnavailableException(pin, $"the cached copy {target} {damaged}. Delete it; the next run downloads it again.");
            return;
        }
        Directory.CreateDirectory(FolderOf(pin));
        var download = target + ".download";
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(downloadBudget);
            using var response = await http.GetAsync(pin.Url, HttpCompletionOption.ResponseHeadersRead, bounded.Token);
            if (!response.IsSuccessStatusCode)
                throw new WeightsUnavailableException(pin, $"GET {pin.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing was saved.");
            await using (var file = File.Create(download)) await response.Content.CopyToAsync(file, bounded.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            File.Delete(download);
            throw new WeightsUnavailableException(pin, $"could not download {pin.Url} within {downloadBudget.TotalMinutes:0.#} min ({e.Message}); offline? " +
                $"Place the verified file at {target}, or rerun with network access.", e);
        }
        if (await ProblemAsync(pin, download, ct) is { } problem)
        {
            File.Delete(download);
            throw new WeightsUnavailableException(pin, $"the download from {pin.Url} {problem}; it was deleted and will not be used. " +
                "Check the pin in versions.yaml against the source, or the network path.");
        }
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(download, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(download, target, overwrite: true); // readable by the model server's non-root user inside the node
    }

    /// <summary>Why the file at <paramref name="path"/> is not the pinned one; null when its size and SHA-256 match.</summary>
    public static async Task<string?> ProblemAsync(WeightsPin pin, string path, CancellationToken ct)
    {
        var size = new FileInfo(path).Length;
        if (size != pin.Size) return $"has {size:N0} bytes";
        await using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        return actual == pin.Sha256 ? null : $"has SHA-256 {actual}";
    }
}
