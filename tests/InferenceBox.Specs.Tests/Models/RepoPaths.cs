namespace InferenceBox.Specs.Tests.Models;

/// <summary>Finds the repository from the test's output folder, so tests read the committed models/ folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot();

    public static string Catalog => Path.Combine(Root, "models", "catalog.json");
}
