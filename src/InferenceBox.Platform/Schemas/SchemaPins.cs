using System.Reflection;
using System.Text.RegularExpressions;

namespace InferenceBox.Platform.Schemas;

/// <summary>One pinned schema file: where it lives under the schema folder, its raw upstream URL, its SHA-256.</summary>
public sealed record SchemaPin(string File, Uri Url, string Sha256);

/// <summary>
/// The pinned schema files, read from copies of shared/schemas' <c>SOURCES.md</c> (repository, tag, commit, path)
/// and <c>SHA256SUMS</c> embedded in this assembly. The URL uses the commit, which is what the tag named when the
/// files were taken and cannot move (one source lists "HEAD (date)" as its tag).
/// </summary>
public static partial class SchemaPins
{
    public static IReadOnlyList<SchemaPin> Embedded { get; } = Parse(Resource("SOURCES.md"), Resource("SHA256SUMS"));

    public static string EmbeddedChecksums => Resource("SHA256SUMS");

    public static IReadOnlyList<SchemaPin> Parse(string sourcesMarkdown, string sha256Sums)
    {
        var sums = ParseSums(sha256Sums);
        var pins = new List<SchemaPin>();
        foreach (var line in sourcesMarkdown.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 5 || !sums.ContainsKey(cells[0])) continue;
            var (file, repository, tag, commit, sourcePath) = (cells[0], cells[1], cells[2], cells[3], cells[4]);
            var reference = Commit().IsMatch(commit) ? commit : tag;
            pins.Add(new SchemaPin(file, new Uri($"https://raw.githubusercontent.com/{repository}/{reference}/{sourcePath}"), sums[file]));
        }
        var unlisted = sums.Keys.Except(pins.Select(p => p.File)).ToList();
        if (unlisted.Count > 0)
            throw new InvalidDataException($"SHA256SUMS lists files SOURCES.md gives no source for: {string.Join(", ", unlisted)}");
        return pins;
    }

    /// <summary>Lines of <c>sha256sum</c> output: "&lt;hex&gt;  ./path".</summary>
    public static Dictionary<string, string> ParseSums(string sha256Sums) =>
        sha256Sums.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[1].TrimStart('*').TrimStart('.', '/'), p => p[0].ToLowerInvariant());

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("InferenceBox.Schemas." + name)
            ?? throw new InvalidOperationException($"Embedded resource InferenceBox.Schemas.{name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[0-9a-f]{40}$")] private static partial Regex Commit();
}
