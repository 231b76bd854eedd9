using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Schemas;

/// <summary>A helm chart pin of the lock: <c>charts.&lt;release&gt;: {chart, repo, version, namespace}</c>.</summary>
public sealed record ChartPin(string Release, string? Chart, string? Repo, string? Version, string? Namespace);

/// <summary>
/// <c>manifests/versions.yaml</c>, the version lock: the parts the offline checks compare manifests with
/// (images, charts, the kind node image). Other sections are kept as JSON in <see cref="Raw"/>.
/// </summary>
public sealed record VersionLock(
    JsonObject Raw, IReadOnlyDictionary<string, string> Images, IReadOnlyDictionary<string, ChartPin> Charts, string? KindNodeImage)
{
    public const string FileName = "versions.yaml";

    /// <summary>Reads the lock; throws <see cref="InvalidDataException"/> naming the file and what is wrong.</summary>
    public static VersionLock Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: the version lock is missing.");
        var documents = YamlJson.ParseAll(File.ReadAllText(path), path);
        if (documents.Count != 1 || documents[0].Node is not JsonObject raw)
            throw new InvalidDataException($"{path}: expected exactly one YAML mapping.");
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (repository, tag) in raw["images"] as JsonObject ?? throw Missing(path, "images"))
            images[repository] = tag is JsonValue v ? v.ToString() : throw new InvalidDataException(
                $"{path} at .images[\"{repository}\"]: expected a tag (a string), found {tag?.GetValueKind().ToString() ?? "null"}.");
        var charts = new Dictionary<string, ChartPin>(StringComparer.Ordinal);
        foreach (var (release, pin) in raw["charts"] as JsonObject ?? throw Missing(path, "charts"))
            charts[release] = new ChartPin(release, Text(pin?["chart"]), Text(pin?["repo"]), Text(pin?["version"]), Text(pin?["namespace"]));
        return new VersionLock(raw, images, charts, Text(raw["kind"]?["nodeImage"]));
    }

    private static InvalidDataException Missing(string path, string section) =>
        new($"{path}: the lock has no '{section}:' mapping.");

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;
}
