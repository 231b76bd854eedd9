using System.Net;
using System.Security.Cryptography;
using System.Text;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>Download-once-and-verify, with a local HttpMessageHandler standing in for raw.githubusercontent.com: no network.</summary>
public sealed class SchemaStoreLoaderTests : IDisposable
{
    private const string Crd = Emulator.Crds.Widget;

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "inferencebox-schema-cache-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly Uri CrdUrl = new("https://raw.githubusercontent.com/example/widgets/0123456789012345678901234567890123456789/crd.yaml");

    private static SchemaPin Pin(string content) =>
        new("crds/example/widgets.yaml", CrdUrl, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));

    [Fact]
    public async Task DownloadsOnceThenReusesTheVerifiedCache()
    {
        var handler = new FakeHandler(_ => Crd);
        var downloader = new SchemaDownloader(new HttpClient(handler), [Pin(Crd)], TimeSpan.Zero);

        await downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken);
        downloader.Downloaded.Should().Be(1);
        await downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken);

        downloader.Downloaded.Should().Be(0);
        handler.Requests.Should().Equal(CrdUrl);
        SchemaStore.FromFolder(_cache).Knows(new GroupVersionKind("example.com", "v1", "Widget")).Should().BeTrue();
    }

    [Fact]
    public async Task ACorruptedCacheFileIsDownloadedAgain()
    {
        var handler = new FakeHandler(_ => Crd);
        var downloader = new SchemaDownloader(new HttpClient(handler), [Pin(Crd)], TimeSpan.Zero);
        await downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(Path.Combine(_cache, "crds/example/widgets.yaml"), "# tampered", TestContext.Current.CancellationToken);

        await downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken);

        downloader.Downloaded.Should().Be(1);
        (await File.ReadAllTextAsync(Path.Combine(_cache, "crds/example/widgets.yaml"), TestContext.Current.CancellationToken)).Should().Be(Crd);
    }

    [Fact]
    public async Task AChecksumMismatchIsRefusedAndNothingIsWritten()
    {
        var handler = new FakeHandler(_ => Crd + "\n# altered upstream");
        var downloader = new SchemaDownloader(new HttpClient(handler), [Pin(Crd)], TimeSpan.Zero);

        var refusal = await FluentActions.Awaiting(() => downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken))
            .Should().ThrowAsync<SchemaDownloadException>();

        refusal.WithMessage($"Refusing schema crds/example/widgets.yaml: downloaded from {CrdUrl} its SHA-256 is *, the pin says {Pin(Crd).Sha256}*");
        File.Exists(Path.Combine(_cache, "crds/example/widgets.yaml")).Should().BeFalse();
        handler.Requests.Should().HaveCount(1, "a checksum mismatch is not a transient fault and is never retried");
    }

    [Fact]
    public async Task OfflineIsAClearErrorAfterBoundedRetries()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("Name or service not known"));
        var downloader = new SchemaDownloader(new HttpClient(handler), [Pin(Crd)], TimeSpan.Zero);

        var failure = await FluentActions.Awaiting(() => downloader.EnsureAsync(_cache, TestContext.Current.CancellationToken))
            .Should().ThrowAsync<SchemaDownloadException>();

        failure.WithMessage($"Could not download schema crds/example/widgets.yaml from {CrdUrl}*Offline?*INFERENCEBOX_SCHEMAS*");
        handler.Requests.Should().HaveCount(3);
        // Offline, a run prints this once, without a stack trace, with the settings that fix it (issue 14, item 5).
        var known = failure.Which.Should().BeAssignableTo<InferenceBox.Platform.Run.IKnownCause>().Subject;
        known.Fix.Should().Contain("INFERENCEBOX_SCHEMAS ").And.Contain("INFERENCEBOX_SCHEMAS_CACHE");
        failure.Which.StackTrace.Should().BeNull();
    }

    [Fact]
    public async Task AFolderWhoseFilesDifferFromItsSha256SumsIsRefused()
    {
        var handler = new FakeHandler(_ => Crd);
        await new SchemaDownloader(new HttpClient(handler), [Pin(Crd)], TimeSpan.Zero).EnsureAsync(_cache, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_cache, "SHA256SUMS"), $"{Pin(Crd + "x").Sha256}  ./crds/example/widgets.yaml\n", TestContext.Current.CancellationToken);

        var settings = new InferenceBoxSettings { SchemasDir = _cache };
        await FluentActions.Awaiting(() => SchemaStoreLoader.OpenAsync(settings, ct: TestContext.Current.CancellationToken))
            .Should().ThrowAsync<SchemaDownloadException>().WithMessage("Refusing schema *widgets.yaml: its SHA-256 is *, SHA256SUMS says *");
    }

    [Fact]
    public async Task WithoutASchemaFolderTheLoaderDownloadsThePinnedFilesIntoTheCache()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException("offline"));
        var settings = new InferenceBoxSettings { SchemasDir = null, SchemasCacheDir = _cache };

        await FluentActions.Awaiting(() => SchemaStoreLoader.OpenAsync(settings, new HttpClient(handler), TimeSpan.Zero, TestContext.Current.CancellationToken))
            .Should().ThrowAsync<SchemaDownloadException>().WithMessage("Could not download schema *https://raw.githubusercontent.com/*");
        handler.Requests.Should().NotBeEmpty().And.OnlyContain(u => u.Host == "raw.githubusercontent.com");
    }

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    private sealed class FakeHandler(Func<Uri, string> respond) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(respond(request.RequestUri!)) });
        }
    }
}
