using FluentAssertions;
using Xunit;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// The committed catalog and artifacts are exactly what models/generate.py produces: nothing in them was typed
/// or edited by hand, and generation is deterministic.
/// </summary>
public sealed class GenerateScriptTests : IDisposable
{
    private const string Regenerate = "Rerun /usr/bin/python3 models/generate.py (Debian's python3-sklearn) and commit the result";
    private readonly string _dir = Directory.CreateTempSubdirectory("models-generated-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Regenerating_reproduces_the_committed_catalog_and_artifacts_byte_for_byte()
    {
        var run = await PythonScript.RunAsync("models/generate.py", "--out", _dir);

        run.ExitCode.Should().Be(0, run.Transcript);
        foreach (var file in new[] { "catalog.json", "sklearn-iris/v1/model.joblib", "sklearn-iris/v2/model.joblib" })
        {
            var committed = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "models", file));
            File.ReadAllBytes(Path.Combine(_dir, file)).Should().Equal(committed,
                $"models/{file} must be what generate.py writes. {Regenerate}.\n{run.Transcript}");
        }
    }
}
