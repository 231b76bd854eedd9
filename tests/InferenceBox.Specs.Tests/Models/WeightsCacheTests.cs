using System.Collections.Concurrent;
using System.Security.Cryptography;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// The host cache of the pinned weights against a real HTTP server on loopback: a verified download is kept and reused, and a
/// corrupt, short, missing or since-damaged file is refused with one error naming the file and the checksum expected.
/// </summary>
public sealed class WeightsCacheTests : IAsyncLifetime
{
    private static readonly byte[] Weights = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
    private readonly string _cache = Directory.CreateTempSubdirectory("ibx-weights-").FullName;
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private WebApplication _server = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Use(async (context, next) => { _hits.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1); await next(); });
        _server.MapGet("/model.gguf", () => Results.Bytes(Weights, "application/octet-stream"));
        _server.MapGet("/tampered.gguf", () => Results.Bytes(Weights.Select((b, i) => i == 100 ? (byte)(b ^ 1) : b).ToArray(), "application/octet-stream"));
        _server.MapGet("/short.gguf", () => Results.Bytes(Weights[..1000], "application/octet-stream"));
        await _server.StartAsync();
        _base = new Uri(_server.Urls.First());
    }

    private WeightsPin Pin(string path) => new("tiny-model", "model.gguf", new Uri(_base, path), Weights.Length, Convert.ToHexStringLower(SHA256.HashData(Weights)));

    private WeightsCache Cache() => new(_cache, new HttpClient(), TimeSpan.FromSeconds(20));

    [Fact]
    public async Task A_verified_download_is_kept_under_its_checksum_and_reused_without_another_request()
    {
        var pin = Pin("/model.gguf");
        var cache = Cache();

        await cache.EnsureAsync(pin, TestContext.Current.CancellationToken);
        await cache.EnsureAsync(pin, TestContext.Current.CancellationToken);

        File.ReadAllBytes(Path.Combine(cache.FolderOf(pin), "model.gguf")).Should().Equal(Weights);
        cache.FolderOf(pin).Should().EndWith(Path.Combine("tiny-model", pin.Sha256));
        (await cache.IsVerifiedAsync(pin, TestContext.Current.CancellationToken)).Should().BeTrue();
        _hits["/model.gguf"].Should().Be(1, "a verified copy is reused");
    }

    [Theory]
    [InlineData("/tampered.gguf", "has SHA-256")]
    [InlineData("/short.gguf", "has 1,000 bytes")]
    [InlineData("/missing.gguf", "answered 404")]
    public async Task A_corrupt_or_missing_download_stops_with_the_file_and_the_expected_checksum(string path, string why)
    {
        var pin = Pin(path);
        var cache = Cache();

        var ensure = () => cache.EnsureAsync(pin, TestContext.Current.CancellationToken);

        (await ensure.Should().ThrowAsync<WeightsUnavailableException>())
            .WithMessage($"Model weights model.gguf (versions.yaml weights.tiny-model): *{why}*Expected 4,096 bytes with SHA-256 {pin.Sha256}.");
        Directory.EnumerateFiles(_cache, "*", SearchOption.AllDirectories).Should().BeEmpty("nothing unverified is left in the cache");
        (await cache.IsVerifiedAsync(pin, TestContext.Current.CancellationToken)).Should().BeFalse();
    }

    [Fact]
    public async Task A_cached_copy_damaged_since_is_refused_rather_than_mounted()
    {
        var pin = Pin("/model.gguf");
        var cache = Cache();
        await cache.EnsureAsync(pin, TestContext.Current.CancellationToken);
        var file = Path.Combine(cache.FolderOf(pin), "model.gguf");
        File.WriteAllBytes(file, Weights.Reverse().ToArray());

        var ensure = () => cache.EnsureAsync(pin, TestContext.Current.CancellationToken);

        (await ensure.Should().ThrowAsync<WeightsUnavailableException>()).WithMessage($"*the cached copy {file} has SHA-256*Delete it*");
        _hits["/model.gguf"].Should().Be(1);
    }

    [Theory]
    [InlineData("model.gguf", "http://example.test/m.gguf", 10, "ab", "weights.m.url must be an https URL")]
    [InlineData("dir/model.gguf", "https://example.test/m.gguf", 10, "ab", "weights.m.file must be a plain file name")]
    [InlineData("model.gguf", "https://example.test/m.gguf", 0, "ab", "weights.m.size must be the file's size")]
    [InlineData("model.gguf", "https://example.test/m.gguf", 10, "not-hex", "weights.m.sha256 must be 64 hex digits")]
    public void A_bad_pin_is_refused_naming_its_field(string file, string url, long size, string sha256, string message)
    {
        var read = () => WeightsPin.Of("m", new VersionLock.WeightsEntry { File = file, Url = url, Size = size, Sha256 = sha256 });

        read.Should().Throw<InvalidDataException>().WithMessage($"manifests/versions.yaml {message}*");
    }

    [Fact]
    public void The_repositorys_lock_pins_the_chat_models_weights()
    {
        var pins = WeightsPin.From(VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(InferenceBox.Platform.Run.RunPaths.RepositoryRoot()), "versions.yaml")));

        pins.Should().ContainSingle().Which.Should().Match<WeightsPin>(p =>
            p.Name == "qwen2.5-0.5b-instruct" && p.Size == 491_400_032 && p.Sha256 == "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }
}
