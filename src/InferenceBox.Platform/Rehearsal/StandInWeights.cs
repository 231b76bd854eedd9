using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using InferenceBox.Platform.Models;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// The rehearsal's model weights: no network, and no node that would read them (the kind stand-in binds nothing,
/// <see cref="RehearsalTools"/>), so each pinned file is a stand-in of one text line. It imitates the real download path,
/// not our idea of it: the same <see cref="WeightsCache"/> fetches it with an HTTP GET of the pin's URL (answered here, in
/// process), streams it to a .download file, compares its size and SHA-256 before it takes its final name, and hashes it
/// again on every later use. As with <see cref="StandInArtifacts"/>, the size and checksum demanded are the stand-in's own,
/// since the lock's checksum names bytes the rehearsal does not have; the stand-in's line names the lock's pin (URL, size, SHA-256),
/// which <see cref="WeightsPin.From"/> has already checked for form. The real path against real bytes is WeightsCacheTests.
/// </summary>
public sealed class StandInWeights : IModelWeights
{
    private readonly StandInServer _server = new();
    private readonly WeightsCache _cache;

    /// <param name="cacheDir">The run's own folder, never the real weights cache.</param>
    /// <param name="downloadBudget">The budget the real download has (WaitBudgets "weights-download").</param>
    public StandInWeights(string cacheDir, TimeSpan downloadBudget) =>
        _cache = new WeightsCache(cacheDir, new HttpClient(_server), downloadBudget);

    /// <summary>The stand-in's bytes for <paramref name="pin"/>: one line naming what it stands for.</summary>
    public static byte[] Bytes(WeightsPin pin) => Encoding.UTF8.GetBytes(
        $"# rehearsal stand-in for {pin.Url} (versions.yaml weights.{pin.Name}: {pin.Size} bytes, SHA-256 {pin.Sha256}); no node reads it\n");

    /// <summary>The pin as the cache verifies it in a rehearsal: same name, file and URL; the stand-in's size and SHA-256.</summary>
    public static WeightsPin StandIn(WeightsPin pin)
    {
        var bytes = Bytes(pin);
        return pin with { Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
    }

    public string FolderOf(WeightsPin pin) => _cache.FolderOf(StandIn(pin));

    public Task<bool> IsVerifiedAsync(WeightsPin pin, CancellationToken ct) => _cache.IsVerifiedAsync(StandIn(pin), ct);

    public Task EnsureAsync(WeightsPin pin, CancellationToken ct)
    {
        _server.Serve(pin.Url, Bytes(pin));
        return _cache.EnsureAsync(StandIn(pin), ct);
    }

    /// <summary>Answers GET for the URLs of the pins being ensured; any other request is a 404, never the network.</summary>
    private sealed class StandInServer : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<Uri, byte[]> _files = new();

        public void Serve(Uri url, byte[] bytes) => _files[url] = bytes;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(request.Method == HttpMethod.Get && request.RequestUri is { } url && _files.TryGetValue(url, out var bytes)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes), RequestMessage = request }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { ReasonPhrase = "no rehearsal stand-in for this URL", RequestMessage = request });
    }
}
