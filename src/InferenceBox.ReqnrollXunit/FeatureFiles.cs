using System.Reflection;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// The feature files of a test project: the ReqnrollFeatureFile items its props file embedded under their
/// project-relative paths. Reading them from the assembly means every item counts, wherever it lies, and nothing else.
/// </summary>
public static class FeatureFiles
{
    public static IReadOnlyList<string> Of(Assembly testAssembly) =>
        testAssembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".feature", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();

    public static string Read(Assembly testAssembly, string relativePath)
    {
        using var stream = testAssembly.GetManifestResourceStream(relativePath)
            ?? throw new FileNotFoundException($"{relativePath} is not a feature item of {testAssembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
