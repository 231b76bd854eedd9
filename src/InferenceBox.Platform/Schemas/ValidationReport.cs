using System.Text;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// One finding: the file (relative to manifests/), the object (kind namespace/name, document), the field path
/// (e.g. <c>.spec.rules[0].from</c>) and what is wrong.
/// </summary>
public sealed record ValidationError(string File, string? Object, string? Path, string Message)
{
    public override string ToString() =>
        $"{File}{(Object is null ? "" : ": " + Object)}{(Path is null ? "" : " at " + Path)}: {Message}";
}

/// <summary>The outcome of validating a manifests folder; <see cref="ToString"/> is meant for a terminal.</summary>
public sealed class ValidationReport(
    string manifestsDir, int files, int objects, IReadOnlyList<ValidationError> errors, IReadOnlyList<string> notes)
{
    public string ManifestsDir { get; } = manifestsDir;
    public int FileCount { get; } = files;
    public int ObjectCount { get; } = objects;
    public IReadOnlyList<ValidationError> Errors { get; } = errors;

    /// <summary>What was not or could not be checked (CEL rules, ...): stated, not hidden.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    public bool IsValid => Errors.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"Manifests {ManifestsDir}: {ObjectCount} objects in {FileCount} files, " +
                        (IsValid ? "all valid." : $"{Errors.Count} error(s):"));
        foreach (var error in Errors) text.AppendLine("  ✗ " + error);
        foreach (var note in Notes) text.AppendLine("  note: " + note);
        return text.ToString().TrimEnd();
    }
}
