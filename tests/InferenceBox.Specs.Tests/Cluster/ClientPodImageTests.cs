using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Provisioning;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ClientPodImageTests
{
    [Fact]
    public void The_client_pod_image_is_pinned_in_the_version_lock()
    {
        var versionLock = VersionLock.Load(Path.Combine(RunPaths.RepositoryRoot(), "manifests", "versions.yaml"));
        var (repository, tag) = (ClientPods.CurlImage[..ClientPods.CurlImage.LastIndexOf(':')], ClientPods.CurlImage[(ClientPods.CurlImage.LastIndexOf(':') + 1)..]);
        versionLock.Images.Should().ContainKey(repository).WhoseValue.Should().Be(tag);
    }
}
