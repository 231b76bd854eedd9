using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Rehearsal;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Tests.Provisioning;
using InferenceBox.Specs.Tests.Schemas;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Rehearsal;

/// <summary>
/// A rehearsal of a platform as code: a temporary copy of the repository's manifests/ (a test edits the copy, never
/// manifests/) and models/ (the models phase checks every artifact of models/catalog.json against its SHA-256 before it
/// applies an InferenceService, src/InferenceBox.Platform/Provisioning/Phases/ModelsPhase.cs), its own results folder, and the rehearsal
/// run in-process as INFERENCEBOX_MODE=rehearse runs it.
/// </summary>
public sealed class PlatformCopy : IDisposable
{
    public PlatformCopy()
    {
        TestPaths.Copy(ManifestFiles.FolderOf(TestPaths.RepoRoot), ManifestFiles.FolderOf(Root));
        TestPaths.Copy(Path.Combine(TestPaths.RepoRoot, "models"), Path.Combine(Root, "models"));
        Directory.CreateDirectory(Path.Combine(Root, "issuer"));
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("ibx-rehearsal-repo-").FullName;
    public string ResultsDir => Path.Combine(Root, "results");
    public RecordingProgress Progress { get; } = new();

    public string Manifest(string relative) => Path.Combine(ManifestFiles.FolderOf(Root), relative);

    /// <summary>Writes (or replaces) a file of the copy's manifests/.</summary>
    public void Write(string relative, string yaml)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Manifest(relative))!);
        File.WriteAllText(Manifest(relative), yaml);
    }

    /// <summary>Replaces text in a file of the copy's manifests/; the text must be there.</summary>
    public void Replace(string relative, string text, string with)
    {
        var content = File.ReadAllText(Manifest(relative));
        if (!content.Contains(text, StringComparison.Ordinal)) throw new InvalidOperationException($"{relative} has no '{text}'");
        File.WriteAllText(Manifest(relative), content.Replace(text, with, StringComparison.Ordinal));
    }

    public Task<ProvisionReport> RehearseAsync(bool staticChecks = true, Func<IClusterPort, IClusterPort>? wrapCluster = null)
    {
        var settings = new InferenceBoxSettings { Mode = RunMode.Rehearse, DryRun = true, ResultsDir = ResultsDir, SchemasDir = TestPaths.SchemasDir };
        var run = new RunContext(settings, Progress, "rehearsal-test", ResultsDir);
        return RehearsalRun.RunAsync(run, new RehearsalOptions
        {
            RepoRoot = Root, StaticChecks = staticChecks, Schemas = TestPaths.PinnedStore, WrapCluster = wrapCluster,
        },
            TestContext.Current.CancellationToken);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
