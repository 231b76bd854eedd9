using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>The real <c>&lt;repo&gt;/manifests</c> against the pinned schemas (INFERENCEBOX_SCHEMAS, default ../shared/schemas) and the semantic checks.</summary>
public sealed class RepositoryManifestsTests
{
    [Fact]
    public async Task RepositoryManifestsAreValid()
    {
        var manifests = ManifestFiles.FolderOf(TestPaths.RepoRoot);
        Directory.Exists(manifests).Should().BeTrue($"the platform manifests belong in {manifests}");
        ManifestFiles.Under(manifests).Should().NotBeEmpty($"{manifests} holds no Kubernetes object files (*.yaml outside kind/, values/, dashboards/)");

        var report = await ManifestValidation.ValidateAsync(manifests, TestPaths.PinnedStore, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        report.ObjectCount.Should().BeGreaterThan(0, report.ToString());
        report.IsValid.Should().BeTrue(report.ToString());
    }
}
