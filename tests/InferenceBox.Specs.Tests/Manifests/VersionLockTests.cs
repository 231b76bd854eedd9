using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Manifests;

/// <summary>manifests/versions.yaml: one reader, and a typo is an error, never a silently missing pin.</summary>
public sealed class VersionLockTests
{
    [Theory]
    [InlineData("chrats:\n  istiod: {chart: istiod}\n", 1, "chrats")]
    [InlineData("charts:\n  istiod:\n    chart: istiod\n    namepsace: istio-system\n", 4, "namepsace")]
    [InlineData("kind:\n  version: v0.29.0\n  nodeimage: kindest/node:v1.32.5\n", 3, "nodeimage")]
    public void An_unknown_key_is_refused_with_its_line(string yaml, int line, string key) =>
        FluentActions.Invoking(() => VersionLock.Parse(yaml, "versions.yaml"))
            .Should().Throw<InvalidDataException>()
            .WithMessage($"versions.yaml line {line}: unknown key \"{key}\"*");

    [Fact]
    public void The_repositorys_lock_is_read_whole()
    {
        var repo = InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot();
        var versionLock = VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(repo), "versions.yaml"));

        versionLock.Chart("istiod").Entry.Version.Should().Be("1.26.2");
        versionLock.Kind.NodeImage.Should().Contain("@sha256:");
        versionLock.Images.Should().ContainKey("curlimages/curl");
        versionLock.Tools["kind"].Sha256.Should().ContainKey("linux-amd64");
    }
}
