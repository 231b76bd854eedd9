namespace InferenceBox.Platform.Models;

/// <summary>
/// The model catalog is missing or wrong: names the file, the entry and the field, says what is wrong and what to do.
/// </summary>
public sealed class ModelCatalogException(string file, string? entry, string? field, string problem, string fix)
    : Exception(Describe(file, entry, field, problem, fix))
{
    public string File { get; } = file;
    public string? Entry { get; } = entry;
    public string? Field { get; } = field;

    private static string Describe(string file, string? entry, string? field, string problem, string fix) =>
        $"Model catalog {file}: " +
        (entry is null ? "" : $"entry {entry}: ") +
        (field is null ? "" : $"field '{field}' ") +
        $"{problem}. {fix}";
}
