using System.Net;
using InferenceBox.Platform.Run;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Why the pinned schemas could not be made available: names the file, the URL and what to do. A known cause to the
/// runner bridge (<see cref="IKnownCause"/>): offline, a run prints it once with the settings that fix it.
/// </summary>
public sealed class SchemaDownloadException(string message, Exception? inner = null) : Exception(message, inner), IKnownCause
{
    public string Cause => Message;

    public string Fix => "Set INFERENCEBOX_SCHEMAS to a folder holding the pinned schemas (e.g. a copy of ../shared/schemas), or run " +
                         "once with network access so they are kept in INFERENCEBOX_SCHEMAS_CACHE (README, Settings).";

    public override string? StackTrace => null;
}

/// <summary>
/// Fills a cache folder with the pinned schema files, once: a cached file whose SHA-256 matches its pin is reused
/// without touching the network; any other is downloaded, verified against its pin, and only then put in place.
/// Retries transient transport faults only; a checksum mismatch is refused, never retried.
/// </summary>
public sealed class SchemaDownloader(HttpClient http, IReadOnlyList<SchemaPin> pins, TimeSpan? retryDelay = null)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode is null or >= HttpStatusCode.InternalServerError),
            MaxRetryAttempts = 2,
            Delay = retryDelay ?? TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    /// <summary>How many files the last <see cref="EnsureAsync"/> downloaded (0 when the cache was complete).</summary>
    public int Downloaded { get; private set; }

    public async Task EnsureAsync(string cacheDir, CancellationToken ct)
    {
        Downloaded = 0;
        foreach (var pin in pins)
        {
            var target = Path.Combine(cacheDir, pin.File);
            if (File.Exists(target) && await Sha256Async(target, ct) == pin.Sha256) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var bytes = await DownloadAsync(pin, ct);
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actual != pin.Sha256)
                throw new SchemaDownloadException(
                    $"Refusing schema {pin.File}: downloaded from {pin.Url} its SHA-256 is {actual}, the pin says {pin.Sha256}. " +
                    "The upstream file changed or the download was altered; nothing was written. " +
                    "Set INFERENCEBOX_SCHEMAS to a folder holding the verified schemas.");
            var partial = target + ".partial";
            await File.WriteAllBytesAsync(partial, bytes, ct);
            File.Move(partial, target, overwrite: true);
            Downloaded++;
        }
        await File.WriteAllTextAsync(Path.Combine(cacheDir, "SHA256SUMS"), SchemaPins.EmbeddedChecksums, ct);
    }

    private async Task<byte[]> DownloadAsync(SchemaPin pin, CancellationToken ct)
    {
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                using var response = await http.GetAsync(pin.Url, token);
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync(token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new SchemaDownloadException(
                $"Could not download schema {pin.File} from {pin.Url}: {e.Message}. Offline? " +
                "Set INFERENCEBOX_SCHEMAS to a folder holding the pinned schemas (see SOURCES.md), or run once with network access.", e);
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
