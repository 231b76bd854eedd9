using System.Text.Json.Nodes;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// The committed artifacts answer their probes as the catalog says, and v1 and v2 answer differently. Needs
/// Debian's python3-sklearn; without it these tests fail and say what to install.
/// </summary>
public sealed class CheckModelsScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("models-copy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_local_artifact_gives_the_catalogs_expected_output_and_v1_differs_from_v2()
    {
        var (exitCode, report, output) = await CheckModelsScript.RunAsync();

        exitCode.Should().Be(0, output);
        report.Should().NotBeNull(output);
        report!.Ok.Should().BeTrue(output);
        var catalog = ModelCatalog.Load(RepoPaths.Catalog);
        foreach (var model in catalog.Defaults)
        {
            var result = report.Results.Should().ContainSingle(r => r.Model == model.Id, output).Subject;
            result.Status.Should().Be("ok", result.Reason);
            result.Actual.Should().Equal(model.ExpectedOutput!, $"{model.Id} must answer the probe as the catalog says");
        }
        var pair = report.VersionPairs.Should().ContainSingle(p => p.Name == "sklearn-iris" && p.A == "v1" && p.B == "v2", output).Subject;
        pair.Differ.Should().BeTrue(output);
        pair.AOutput.Should().NotEqual(pair.BOutput, "a response alone must tell which revision served it");
    }

    [Fact]
    public async Task A_wrong_expected_output_fails_the_check()
    {
        var catalog = CopyModels();
        var json = JsonNode.Parse(File.ReadAllText(catalog))!;
        var v2 = json["models"]!.AsArray().Single(m => (string?)m!["tenant"] == "tenant-a" && (string?)m!["version"] == "v2")!;
        var expected = v2["expectedOutput"]!.AsArray();
        v2["expectedOutput"] = new JsonArray(expected.Select(c => JsonValue.Create(((long)c! + 1) % 3)).ToArray<JsonNode?>());
        File.WriteAllText(catalog, json.ToJsonString());

        var (exitCode, report, output) = await CheckModelsScript.RunAsync(catalog);

        exitCode.Should().Be(1, output);
        report!.Results.Should().Contain(r => r.Model == "tenant-a/sklearn-iris v2" && r.Status == "failed", output);
    }

    [Fact]
    public async Task Identical_v1_and_v2_artifacts_fail_the_check()
    {
        var catalog = CopyModels();
        File.Copy(Path.Combine(_dir, "sklearn-iris", "v1", "model.joblib"), Path.Combine(_dir, "sklearn-iris", "v2", "model.joblib"), overwrite: true);
        // The catalog vouches for the copy (else the SHA-256 check stops it first): only the outputs are left to tell.
        var json = JsonNode.Parse(File.ReadAllText(catalog))!;
        var models = json["models"]!.AsArray();
        foreach (var v2 in models.Where(m => (string?)m!["version"] == "v2"))
            v2!["sha256"] = (string?)models.First(m => (string?)m!["version"] == "v1")!["sha256"];
        File.WriteAllText(catalog, json.ToJsonString());

        var (exitCode, report, output) = await CheckModelsScript.RunAsync(catalog);

        exitCode.Should().Be(1, output);
        report!.VersionPairs.Should().Contain(p => p.Name == "sklearn-iris" && !p.Differ, output);
    }

    // Issue 19 item 12: a pickle runs code when it is loaded, so its bytes are compared with the catalog's SHA-256 first.
    [Fact]
    public async Task An_artifact_whose_SHA_256_is_not_the_catalogs_is_refused_before_it_is_unpickled()
    {
        var catalog = CopyModels();
        var marker = Path.Combine(_dir, "unpickled.marker");
        // A pickle whose loading creates the marker file: what loading an untrusted artifact can do (anything).
        var write = await PythonScript.RunAsync("-c", "import pickle, sys\n" +
            "class P:\n    def __reduce__(self): return (open, (sys.argv[1], 'w'))\n" +
            "open(sys.argv[2], 'wb').write(pickle.dumps(P(), protocol=4))", marker, Path.Combine(_dir, "sklearn-iris", "v2", "model.joblib"));
        write.ExitCode.Should().Be(0, write.Transcript);

        var (exitCode, report, output) = await CheckModelsScript.RunAsync(catalog);

        File.Exists(marker).Should().BeFalse($"check_models.py must not load an artifact whose SHA-256 differs from the catalog's\n{output}");
        exitCode.Should().Be(1, output);
        report!.Results.Should().Contain(r => r.Model == "tenant-a/sklearn-iris v2" && r.Status == "failed" && r.Reason.Contains("SHA-256"), output);
    }

    /// <summary>Copies catalog and artifacts to a scratch folder, so a test can break them without touching the repo.</summary>
    private string CopyModels()
    {
        var source = Path.Combine(RepoPaths.Root, "models");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__")))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Path.Combine(_dir, "catalog.json");
    }
}
