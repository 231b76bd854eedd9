namespace InferenceBox.Specs.Tests.Models;

/// <summary>Finds the repository from the test's output folder, so tests read the committed models/ folder.</summary>
internal static class RepoPaths
{
    public const string SolutionFile = "InferenceBox.Specs.sln";

    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "models", "catalog.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds {SolutionFile}; run the tests from inside the repository.");
    }
}
