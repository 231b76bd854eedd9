using System.Text.Json.Nodes;
using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Tests.Models;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// The versions of one tenant's model, as the canary and the modified-model scenarios tell answers apart (issue 20:
/// ModelVersions had no test). The repository's catalog is the data: tenant-a's sklearn-iris v1 answers the probe with
/// [1, 1] and v2 with [0, 0] (models/generate.py computed them; CheckModelsScriptTests re-checks them on the artifacts).
/// </summary>
public sealed class ModelVersionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-versions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_repositorys_versions_are_told_apart_by_their_probe_output()
    {
        var versions = ModelVersions.Of(ModelCatalog.Load(RepoPaths.Catalog), "tenant-a", "sklearn-iris");

        versions.Tenant.Should().Be("tenant-a");
        versions.Model.Should().Be("sklearn-iris");
        versions.OutputByVersion.Keys.Should().BeEquivalentTo("v1", "v2");
        versions.ProbeInput.Should().BeEquivalentTo(new[] { new[] { 6.8, 2.8, 4.8, 1.4 }, new[] { 6.0, 3.4, 4.5, 1.6 } },
            o => o.WithStrictOrdering());
        versions.VersionOf([1, 1]).Should().Be("v1");
        versions.VersionOf([0, 0]).Should().Be("v2");
        versions.VersionOf([1, 0]).Should().BeNull("an answer no version gives is unknown, not the nearest version");
        versions.VersionOf([1]).Should().BeNull("a prefix of v1's answer is not v1's answer");
        versions.VersionOf([1, 1, 1]).Should().BeNull();
        versions.StorageUri("v1").Should().Be("pvc://models/sklearn-iris/v1");
        versions.StorageUri("v2").Should().Be("pvc://models/sklearn-iris/v2");
    }

    [Fact]
    public void The_catalog_beside_the_assembly_is_the_default()
    {
        ModelCatalog.BesideAssembly.Should().Be(Path.Combine(AppContext.BaseDirectory, "models", "catalog.json"));
        ModelVersions.Of(ModelCatalog.OfRun, "tenant-a", "sklearn-iris").OutputByVersion["v2"].Should().Equal(0L, 0L);
    }

    [Fact]
    public void An_unknown_version_names_the_ones_the_catalog_has()
    {
        var versions = ModelVersions.Of(ModelCatalog.Load(RepoPaths.Catalog), "tenant-a", "sklearn-iris");

        var act = () => versions.StorageUri("v9");

        act.Should().Throw<InvalidDataException>().WithMessage("The catalog has no version 'v9' of tenant-a/sklearn-iris; it has v1, v2.");
    }

    [Fact]
    public void Another_tenants_entries_are_not_this_tenants_versions()
    {
        var catalog = Write(Entry("tenant-a", "v1", "[1, 1]"), Entry("tenant-b", "v2", "[0, 0]"), Entry("tenant-a", "v2", "[2, 2]", model: "other"));

        var versions = ModelVersions.Of(ModelCatalog.Load(catalog), "tenant-a", "sklearn-iris");

        versions.OutputByVersion.Keys.Should().Equal("v1");
        versions.VersionOf([0, 0]).Should().BeNull();
    }

    [Fact]
    public void A_model_the_catalog_does_not_list_is_refused_with_the_file()
    {
        var catalog = Write(Entry("tenant-a", "v1", "[1, 1]"));

        var act = () => ModelVersions.Of(ModelCatalog.Load(catalog), "tenant-c", "sklearn-iris");

        act.Should().Throw<InvalidDataException>().WithMessage($"{catalog} has no entry for tenant-c/sklearn-iris; *");
    }

    [Fact]
    public void A_version_without_a_probe_cannot_be_told_apart()
    {
        var extra = Entry("tenant-a", "v3", null);
        var catalog = Write(Entry("tenant-a", "v1", "[1, 1]"), extra);

        var act = () => ModelVersions.Of(ModelCatalog.Load(catalog), "tenant-a", "sklearn-iris");

        act.Should().Throw<InvalidDataException>().WithMessage($"{catalog}: tenant-a/sklearn-iris v3 has no probeInput/expectedOutput*");
    }

    [Fact]
    public void Versions_that_answer_alike_are_refused_by_name()
    {
        var catalog = Write(Entry("tenant-a", "v1", "[1, 1]"), Entry("tenant-a", "v2", "[0, 1]"), Entry("tenant-a", "v3", "[1, 1]"));

        var act = () => ModelVersions.Of(ModelCatalog.Load(catalog), "tenant-a", "sklearn-iris");

        act.Should().Throw<InvalidDataException>().WithMessage("*versions v1 and v3 of tenant-a/sklearn-iris give the same probe output*");
    }

    /// <summary>A catalog entry; without an output it is an extra (not default, fetched from gs://) with no probe.</summary>
    private static JsonObject Entry(string tenant, string version, string? output, string model = "sklearn-iris")
    {
        var entry = new JsonObject
        {
            ["name"] = model, ["version"] = version, ["tenant"] = tenant, ["runtime"] = "kserve-sklearnserver",
            ["modelFormat"] = "sklearn", ["protocols"] = new JsonArray("v1", "v2"), ["storagePath"] = $"{model}/{version}",
            ["storageUri"] = $"pvc://models/{model}/{version}", ["default"] = true,
            ["probeInput"] = JsonNode.Parse("[[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]"),
            ["sha256"] = new string('a', 64), // a pvc:// artifact is checked against its digest (ModelCatalog); any well-formed one
        };
        if (output is null)
        {
            (entry["default"], entry["storageUri"]) = (false, "gs://kfserving-examples/models/sklearn/1.0/model");
            entry.Remove("probeInput");
            entry.Remove("sha256"); // gs:// artifacts are fetched by KServe, not checked by the suite
        }
        else entry["expectedOutput"] = JsonNode.Parse(output);
        return entry;
    }

    private string Write(params JsonObject[] entries)
    {
        var path = Path.Combine(_dir, $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["models"] = new JsonArray(entries) }.ToJsonString());
        return path;
    }
}
