using InferenceBox.Platform.Run;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ClientPodImageTests
{
    [Fact]
    public void The_client_pod_image_is_the_one_the_version_lock_pins_by_digest()
    {
        var versionLock = VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(RunPaths.RepositoryRoot()), "versions.yaml"));
        var image = ImageReference.Parse(ClientPods.CurlImage);

        image.Digest.Should().StartWith("sha256:");
        versionLock.Images.Should().ContainKey(image.Repository).WhoseValue.Should().Be(image.Pin);
    }

    [Fact]
    public void A_lock_without_a_digest_for_curl_is_one_clear_error()
    {
        var unpinned = new VersionLock { Images = { [ClientPods.CurlRepository] = "8.14.1" } };
        FluentActions.Invoking(() => ClientPods.CurlImageIn(unpinned)).Should().Throw<InvalidDataException>()
            .WithMessage("*versions.yaml*curlimages/curl*pinned by digest*");
        FluentActions.Invoking(() => ClientPods.CurlImageIn(new VersionLock())).Should().Throw<InvalidDataException>();
    }
}
