using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>The committed models/catalog.json keeps the shared contract and points at artifacts that exist.</summary>
public sealed class ModelCatalogTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Load(RepoPaths.Catalog);

    [Theory]
    [InlineData("tenant-a", "v1")]
    [InlineData("tenant-a", "v2")]
    [InlineData("tenant-b", "v1")]
    [InlineData("tenant-c", "v1")]
    public void Contract_sklearn_iris_entries_are_default_local_and_served_by_sklearnserver_on_v1_and_v2(string tenant, string version)
    {
        var model = Catalog.Get(tenant, "sklearn-iris", version);

        model.Default.Should().BeTrue();
        model.StorageUri.Should().Be($"pvc://models/sklearn-iris/{version}");
        model.Runtime.Should().Be("kserve-sklearnserver");
        model.Protocols.Should().BeEquivalentTo(["v1", "v2"]);
        model.ProbeInput.Should().NotBeNullOrEmpty();
        model.ExpectedOutput.Should().HaveCount(model.ProbeInput!.Length);
    }

    [Fact]
    public void Every_local_artifact_is_the_one_the_catalog_vouches_for()
    {
        foreach (var model in Catalog.Models.Where(m => m.IsLocal))
            Catalog.VerifiedArtifact(model).Should().Be(Catalog.LocalArtifactFiles(model).Single());
    }

    [Fact]
    public void Every_default_model_has_exactly_one_small_artifact_the_sklearnserver_can_load()
    {
        foreach (var model in Catalog.Defaults)
        {
            var files = Catalog.LocalArtifactFiles(model);
            files.Should().ContainSingle($"{model.Id} is served from {Catalog.LocalFolder(model)} and sklearnserver loads exactly one model file");
            new FileInfo(files[0]).Length.Should().BeInRange(1, 64 * 1024, $"{model.Id}'s artifact is committed to git and must stay small");
        }
    }

    [Fact]
    public void Every_tenant_has_at_least_one_default_model()
    {
        foreach (var tenant in PlatformTenants.All)
            Catalog.Defaults.Should().Contain(m => m.Tenant == tenant, $"{tenant} must have a model in the default profile");
    }

    [Fact]
    public void Catalog_names_only_the_known_tenants()
    {
        Catalog.Models.Select(m => m.Tenant).Should().OnlyContain(t => PlatformTenants.All.Contains(t));
    }

    [Fact]
    public void V1_and_v2_expect_different_classes_on_the_same_probe()
    {
        var v1 = Catalog.Get("tenant-a", "sklearn-iris", "v1");
        var v2 = Catalog.Get("tenant-a", "sklearn-iris", "v2");

        v2.ProbeInput.Should().BeEquivalentTo(v1.ProbeInput, o => o.WithStrictOrdering());
        v2.ExpectedOutput.Should().NotBeEquivalentTo(v1.ExpectedOutput, o => o.WithStrictOrdering(),
            "the canary scenarios tell the revisions apart by their answer to the probe");
    }

    [Fact]
    public void Heavy_extras_are_opt_in_remote_and_say_how_they_are_probed()
    {
        var extras = Catalog.Models.Where(m => !m.Default).ToList();

        extras.Should().NotBeEmpty("the full profile carries the seed's heavier PyTorch and TensorFlow examples");
        extras.Should().OnlyContain(m => !m.IsLocal && !string.IsNullOrWhiteSpace(m.ProbeNote));
        extras.Select(m => m.ModelFormat).Should().Contain(["pytorch", "tensorflow"]);
    }
}
