namespace InferenceBox.Platform.Settings;

/// <summary>
/// The one rule for where the pinned schemas come from when INFERENCEBOX_SCHEMAS is unset: the folder
/// <c>../shared/schemas</c> beside the repository when it exists (CI lays it there), else the pinned files downloaded
/// once into INFERENCEBOX_SCHEMAS_CACHE. Every mode, attach included, follows it; README states it once, in Settings.
/// </summary>
public static class SchemaFolder
{
    public const string DefaultDescription = "`../shared/schemas` when it exists, else download";

    /// <summary><c>&lt;repository&gt;/../shared/schemas</c> when that folder exists, else null.</summary>
    public static string? Beside(string repositoryRoot) =>
        Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "schemas")) is var shared && Directory.Exists(shared) ? shared : null;
}
