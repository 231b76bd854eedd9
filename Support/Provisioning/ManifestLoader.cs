using System.Globalization;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Provisioning.Ports;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InferenceBox.Specs.Support.Provisioning;

/// <summary>Reads multi-document Kubernetes YAML into <see cref="ManifestObject"/>s (JSON bodies for server-side apply).</summary>
public static class ManifestLoader
{
    public static IReadOnlyList<ManifestObject> LoadFiles(IEnumerable<string> paths) =>
        paths.Order(StringComparer.Ordinal).SelectMany(p => Parse(File.ReadAllText(p), p)).ToList();

    /// <summary>Every object YAML under <paramref name="dir"/> (recursively); none when the folder is absent.</summary>
    public static IReadOnlyList<ManifestObject> LoadDirectory(string dir) => Directory.Exists(dir)
        ? LoadFiles(Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories))
        : [];

    public static IReadOnlyList<ManifestObject> Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new InvalidDataException($"{source} line {e.Start.Line}: {e.Message}", e); }
        var objects = new List<ManifestObject>();
        for (var index = 1; index <= stream.Documents.Count; index++)
        {
            var root = stream.Documents[index - 1].RootNode;
            if (root is YamlScalarNode { Value: null or "" }) continue; // an empty or comment-only document
            if (ToJson(root) is not JsonObject body)
                throw new InvalidDataException($"{source} document {index}: expected a mapping (a Kubernetes object).");
            var doc = index;
            string Field(string path) => (path.Split('.').Aggregate((JsonNode?)body, (n, k) => n?[k]) as JsonValue)?.ToString()
                ?? throw new InvalidDataException($"{source} document {doc}: missing {path}.");
            var ns = body["metadata"]?["namespace"]?.ToString();
            objects.Add(new ManifestObject(Field("apiVersion"), Field("kind"), ns, Field("metadata.name"), body.ToJsonString(), source));
        }
        return objects;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };

    /// <summary>YAML 1.2 core-schema resolution: only plain (unquoted, untagged) scalars become null, bools or numbers.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty) return JsonValue.Create(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (value.Any(char.IsDigit) && !value.Contains(':') &&
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(value);
    }
}
