using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// The committed catalog and artifacts are what models/generate.py produces: nothing in them was typed or edited by
/// hand. A pickle's bytes change with any scikit-learn or joblib release, so the artifacts are compared by what they
/// answer (check_models.py: the regenerated artifacts give the committed catalog's outputs on its probes), and the
/// catalog by everything but the artifacts' SHA-256.
/// </summary>
public sealed class GenerateScriptTests : IDisposable
{
    private const string Regenerate = "Rerun /usr/bin/python3 models/generate.py (Debian's python3-sklearn) and commit the result";
    private readonly string _dir = Directory.CreateTempSubdirectory("models-generated-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Regenerating_reproduces_the_committed_catalog_and_the_artifacts_answers()
    {
        var run = await PythonScript.RunAsync("models/generate.py", "--out", _dir);
        run.ExitCode.Should().Be(0, run.Transcript);

        var committed = WithoutHashes(Path.Combine(RepoPaths.Root, "models", "catalog.json"));
        WithoutHashes(Path.Combine(_dir, "catalog.json")).Should().Be(committed,
            $"models/catalog.json must be what generate.py writes (the artifacts' SHA-256 aside). {Regenerate}.\n{run.Transcript}");
        var check = await PythonScript.RunAsync("models/check_models.py", "--catalog", Path.Combine(_dir, "catalog.json"));
        check.ExitCode.Should().Be(0, $"the regenerated artifacts must answer the committed catalog's probes as stated. {Regenerate}.\n{check.Transcript}");
    }

    private static string WithoutHashes(string catalogFile)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(catalogFile))!;
        foreach (var model in catalog["models"]!.AsArray()) model!.AsObject().Remove("sha256");
        return catalog.ToJsonString();
    }
}
