using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Manifests;
using InferenceBox.Specs.Support.Schemas;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ClientPodImageTests
{
    [Fact]
    public void The_client_pod_image_is_the_one_the_version_lock_pins_by_digest()
    {
        var versionLock = VersionLock.Load(Path.Combine(RunPaths.RepositoryRoot(), "manifests", "versions.yaml"));
        var image = ImageReference.Parse(ClientPods.CurlImage);

        image.Digest.Should().StartWith("sha256:");
        versionLock.Images.Should().ContainKey(image.Repository).WhoseValue.Should().Be(image.Pin);
    }
}
