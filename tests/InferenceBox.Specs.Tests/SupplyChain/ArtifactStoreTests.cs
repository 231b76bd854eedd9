using System.Security.Cryptography;
using System.Text;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Artifacts;
using InferenceBox.Specs.Tests.Provisioning;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>The verified cache on its own, with real files: what is refused, what is re-hashed, what a known gap gets.</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-artifacts-").FullName;
    private readonly FileSource _source = new();
    private readonly RecordingProgress _progress = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly byte[] Published = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: List\nitems: []\n");

    private ArtifactStore Store() => new(Path.Combine(_dir, "cache"), _source, _progress);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static LockedArtifact Release(string? sha, string? gap = null) =>
        new(ArtifactKind.Release, "net-istio", "knative-v1.18.0", "net-istio.yaml", sha, gap) { Url = new Uri("https://example.test/net-istio.yaml") };

    [Fact]
    public async Task The_pinned_bytes_are_kept_under_the_files_name_and_fetched_once()
    {
        _source.Bytes = Published;

        var first = await Store().VerifiedPathAsync(Release(Sha(Published)), Ct);
        var second = await Store().VerifiedPathAsync(Release(Sha(Published)), Ct);

        first.Should().Be(Path.Combine(_dir, "cache", "releases", "net-istio", "knative-v1.18.0", "net-istio.yaml")).And.Be(second);
        File.ReadAllBytes(first).Should().Equal(Published);
        _source.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task Other_bytes_are_refused_deleted_and_never_appear_under_the_files_name()
    {
        _source.Bytes = Encoding.UTF8.GetBytes("kind: ClusterRoleBinding # and more than was published\n");

        var act = () => Store().VerifiedPathAsync(Release(Sha(Published)), Ct);

        (await act.Should().ThrowAsync<ArtifactRefusedException>()).WithMessage(
            $"Refusing release file https://example.test/net-istio.yaml (net-istio knative-v1.18.0): expected SHA-256 {Sha(Published)} " +
            $"(manifests/versions.yaml releases.net-istio.sha256.net-istio.yaml), got {Sha(_source.Bytes)} from the download. It was deleted and not used.*");
        Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cached_copy_changed_after_its_verification_is_refused_and_left_for_inspection()
    {
        _source.Bytes = Published;
        var path = await Store().VerifiedPathAsync(Release(Sha(Published)), Ct);
        File.AppendAllText(path, "---\nkind: ClusterRoleBinding\n");

        var act = () => Store().VerifiedPathAsync(Release(Sha(Published)), Ct);

        (await act.Should().ThrowAsync<ArtifactRefusedException>()).WithMessage(
            $"*expected SHA-256 {Sha(Published)}*got {Sha(File.ReadAllBytes(path))} from the cached copy {path}*Delete it to download it again*");
        _source.Fetches.Should().Be(1, "a changed cache is reported, not silently replaced");
    }

    [Fact]
    public async Task An_artifact_the_lock_neither_pins_nor_lists_as_a_gap_is_refused_before_any_download()
    {
        var act = () => Store().VerifiedPathAsync(Release(sha: null), Ct);

        (await act.Should().ThrowAsync<ArtifactRefusedException>()).WithMessage("*gives no SHA-256 for it (releases.net-istio.sha256.net-istio.yaml)*unpinned:*");
        _source.Fetches.Should().Be(0);
    }

    [Fact]
    public async Task A_known_gap_is_trusted_on_first_use_with_a_warning_and_held_to_that_record_afterwards()
    {
        _source.Bytes = Published;
        var path = await Store().VerifiedPathAsync(Release(sha: null, gap: "no published checksum"), Ct);

        File.ReadAllText(path + ".sha256").Trim().Should().Be(Sha(Published));
        _progress.Events.Should().Contain(e => e.Kind == InferenceBox.Platform.Progress.ProgressKind.Warning && e.Message.Contains("known gap: no published checksum")
            && e.Message.Contains(Sha(Published)) && e.Message.Contains("releases.net-istio.sha256.net-istio.yaml"));

        File.WriteAllText(path, "changed");
        var act = () => Store().VerifiedPathAsync(Release(sha: null, gap: "no published checksum"), Ct);
        (await act.Should().ThrowAsync<ArtifactRefusedException>()).WithMessage($"*expected SHA-256 {Sha(Published)} (the first download's record*");
    }

    [Fact]
    public void A_chart_is_cached_under_the_name_helm_gives_its_archive()
    {
        var versionLock = VersionLock.Parse("charts: {cert-manager: {chart: cert-manager, repo: \"https://charts.jetstack.io\", version: v1.18.2, " +
                                            "namespace: cert-manager, sha256: " + new string('b', 64) + "}}", "versions.yaml");

        var chart = LockedArtifact.ForChart(versionLock, "cert-manager");

        Store().PathOf(chart).Should().Be(Path.Combine(_dir, "cache", "charts", "cert-manager", "v1.18.2", "cert-manager-v1.18.2.tgz"));
        chart.What.Should().Be("chart cert-manager (cert-manager v1.18.2 from https://charts.jetstack.io)");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FileSource : IArtifactSource
    {
        public byte[] Bytes { get; set; } = [];
        public int Fetches;

        public Task FetchAsync(LockedArtifact artifact, string destination, CancellationToken ct)
        {
            Interlocked.Increment(ref Fetches);
            return File.WriteAllBytesAsync(destination, Bytes, ct);
        }
    }
}
