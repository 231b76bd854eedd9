using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Run;

/// <summary>Where the run writes: results folder resolved against the repository root.</summary>
public static class RunPaths
{
    public const string SolutionFile = "InferenceBox.Specs.sln";

    /// <summary>The folder holding InferenceBox.Specs.sln above the test assembly, else the working directory.</summary>
    public static string RepositoryRoot() => FindRepositoryRoot() ?? Directory.GetCurrentDirectory();

    /// <summary>The folder holding InferenceBox.Specs.sln above the test assembly; an error when there is none.</summary>
    public static string RequireRepositoryRoot() => FindRepositoryRoot() ?? throw new DirectoryNotFoundException(
        $"No folder above {AppContext.BaseDirectory} holds {SolutionFile}; run from inside the repository.");

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }

    public static string ResultsDir(InferenceBoxSettings settings) =>
        Path.IsPathRooted(settings.ResultsDir) ? settings.ResultsDir : Path.GetFullPath(Path.Combine(RepositoryRoot(), settings.ResultsDir));

    /// <summary>The repository's manifests folder (<see cref="ManifestFiles.FolderOf"/>, the one resolver).</summary>
    public static string ManifestsDir() => ManifestFiles.FolderOf(RepositoryRoot());
}
