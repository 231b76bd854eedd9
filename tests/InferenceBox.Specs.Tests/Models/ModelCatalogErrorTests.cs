using System.Text.Json.Nodes;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>A broken catalog is refused with the file, the entry and the field named.</summary>
public sealed class ModelCatalogErrorTests : IDisposable
{
    private const string Entry = "models[0] (tenant-a/sklearn-iris v1)";
    private readonly string _dir = Directory.CreateTempSubdirectory("catalog-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("storageUri", null, "is missing or empty")]
    [InlineData("runtime", "\"\"", "is missing or empty")]
    [InlineData("default", null, "is missing")]
    [InlineData("protocols", "[\"v3\"]", "must list one or more of v1, v2")]
    [InlineData("protocols", "[]", "must list one or more of v1, v2")]
    [InlineData("probeInput", "\"six point eight\"", "cannot be read")]
    [InlineData("probeInput", "[[6.8, 2.8], [6.0]]", "same length")]
    [InlineData("probeInput", null, "is missing")]
    [InlineData("expectedOutput", "[1]", "one class per probe row (2), got 1")]
    [InlineData("expectedOutput", "[1.5, 1]", "cannot be read")]
    [InlineData("storagePath", "\"../etc\"", "relative path")]
    [InlineData("storageUri", "\"pvc://models/sklearn-iris/v2\"", "must be \"pvc://models/sklearn-iris/v1\"")]
    [InlineData("storageUri", "\"gs://bucket/iris\"", "default model must start with pvc://models/")]
    [InlineData("sha256", null, "must be the SHA-256 of its artifact (64 lowercase hex digits), got none")]
    [InlineData("sha256", "\"35FC3A14\"", "must be the SHA-256 of its artifact")]
    public void A_bad_field_is_named_with_its_entry(string field, string? json, string problem)
    {
        var entry = ValidEntry();
        if (json is null) entry.Remove(field);
        else entry[field] = JsonNode.Parse(json);

        var error = LoadFails(entry);

        error.Entry.Should().Be(Entry);
        error.Field.Should().StartWith(field);
        error.Message.Should().Contain(problem).And.Contain($"field '{field}").And.Contain("generate.py");
    }

    [Fact]
    public void A_misspelt_field_is_refused_rather_than_ignored()
    {
        var entry = ValidEntry();
        entry["storagepath"] = "sklearn-iris/v1";

        var error = LoadFails(entry);

        error.Field.Should().Be("storagepath");
        error.Message.Should().Contain(Entry).And.Contain("is not a catalog field").And.Contain("storagePath");
    }

    [Fact]
    public void An_entry_that_is_not_an_object_is_refused()
    {
        var error = Load(new JsonObject { ["models"] = new JsonArray(ValidEntry(), 42) });

        error.Entry.Should().Be("models[1]");
        error.Message.Should().Contain("not an object");
    }

    [Fact]
    public void An_extra_without_a_probe_is_accepted()
    {
        var entry = ValidEntry();
        entry["default"] = false;
        entry["storageUri"] = "gs://kfserving-examples/models/tensorflow/flowers";
        entry.Remove("probeInput");
        entry.Remove("expectedOutput");

        ModelCatalog.Load(Write(new JsonObject { ["models"] = new JsonArray(entry) })).Models.Should().ContainSingle()
            .Which.ProbeInput.Should().BeNull();
    }

    [Fact]
    public void A_duplicate_entry_is_refused()
    {
        var error = Load(new JsonObject { ["models"] = new JsonArray(ValidEntry(), ValidEntry()) });

        error.Entry.Should().Be("tenant-a/sklearn-iris v1");
        error.Message.Should().Contain("appears 2 times");
    }

    [Theory]
    [InlineData("{\"models\": []}")]
    [InlineData("{\"entries\": []}")]
    [InlineData("[]")]
    public void A_catalog_without_models_is_refused(string json)
    {
        var act = () => ModelCatalog.Load(WriteText(json));

        act.Should().Throw<ModelCatalogException>().Which.Field.Should().Be("models");
    }

    [Fact]
    public void Invalid_json_is_refused_with_its_line()
    {
        var act = () => ModelCatalog.Load(WriteText("{\n  \"models\": [\n    {,\n  ]\n}"));

        act.Should().Throw<ModelCatalogException>().WithMessage("*is not valid JSON (line 3)*");
    }

    [Fact]
    public void A_missing_file_says_where_it_looked_and_how_to_make_it()
    {
        var path = Path.Combine(_dir, "nowhere", "catalog.json");

        var act = () => ModelCatalog.Load(path);

        act.Should().Throw<ModelCatalogException>()
            .WithMessage($"*{path}*does not exist*models/generate.py*");
    }

    [Fact]
    public void Asking_for_an_unknown_model_lists_what_the_catalog_holds()
    {
        var catalog = ModelCatalog.Load(Write(new JsonObject { ["models"] = new JsonArray(ValidEntry()) }));

        var act = () => catalog.Get("tenant-b", "sklearn-iris", "v9");

        act.Should().Throw<ModelCatalogException>().WithMessage("*tenant-b/sklearn-iris v9*Known entries: tenant-a/sklearn-iris v1*");
    }

    private static JsonObject ValidEntry() => new()
    {
        ["name"] = "sklearn-iris", ["version"] = "v1", ["tenant"] = "tenant-a", ["runtime"] = "kserve-sklearnserver",
        ["modelFormat"] = "sklearn", ["protocols"] = new JsonArray("v1", "v2"), ["storagePath"] = "sklearn-iris/v1",
        ["storageUri"] = "pvc://models/sklearn-iris/v1", ["default"] = true,
        ["sha256"] = "35fc3a14dea9d0cdacb8503c7ecac8497308182a3738d32eb44493e84bb962d9",
        ["probeInput"] = JsonNode.Parse("[[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]"),
        ["expectedOutput"] = JsonNode.Parse("[1, 1]"),
    };

    private ModelCatalogException LoadFails(JsonObject entry) => Load(new JsonObject { ["models"] = new JsonArray(entry) });

    private ModelCatalogException Load(JsonObject catalog)
    {
        var act = () => ModelCatalog.Load(Write(catalog));
        return act.Should().Throw<ModelCatalogException>().Which;
    }

    private string Write(JsonObject catalog) => WriteText(catalog.ToJsonString());

    private string WriteText(string json)
    {
        var path = Path.Combine(_dir, $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
