using InferenceBox.Specs.Tests;

[assembly: AssemblyFixture(typeof(ScratchTemp))]

namespace InferenceBox.Specs.Tests;

/// <summary>
/// Whatever the offline tests put in the temp folder (key files, composed fixtures, Prometheus data, the runs of the
/// suite they start) goes into one folder of this run, deleted when the run ends: a test run leaves nothing behind.
/// TMPDIR is read by Path.GetTempPath on each call and inherited by every process a test starts.
/// </summary>
public sealed class ScratchTemp : IDisposable
{
    private static readonly string[] Variables = ["TMPDIR", "TMP", "TEMP"];
    private readonly Dictionary<string, string?> _before = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public ScratchTemp()
    {
        Root = Directory.CreateTempSubdirectory("inferencebox-tests-").FullName;
        foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, Root);
    }

    public static string Root { get; private set; } = "";

    public void Dispose()
    {
        foreach (var (variable, value) in _before) Environment.SetEnvironmentVariable(variable, value);
        Directory.Delete(Root, recursive: true);
    }
}

public sealed class ScratchTempTests
{
    [Fact]
    public void The_temp_folder_of_every_test_is_the_runs_own_scratch_folder()
    {
        Path.GetTempPath().TrimEnd('/').Should().Be(ScratchTemp.Root);
        Directory.CreateTempSubdirectory("probe-").FullName.Should().StartWith(ScratchTemp.Root);
    }
}
