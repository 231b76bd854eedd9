using System.Collections;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Provisioning.Ports;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace InferenceBox.Specs.Support.Provisioning;

/// <summary>Reads multi-document Kubernetes YAML into <see cref="ManifestObject"/>s (JSON bodies for server-side apply).</summary>
public static class ManifestLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithAttemptingUnquotedStringTypeDeserialization() // keep 2 a number and true a bool, "2" a string
        .Build();

    public static IReadOnlyList<ManifestObject> LoadFiles(IEnumerable<string> paths) =>
        paths.Order(StringComparer.Ordinal).SelectMany(p => Parse(File.ReadAllText(p), p)).ToList();

    /// <summary>Every object YAML under <paramref name="dir"/> (recursively); none when the folder is absent.</summary>
    public static IReadOnlyList<ManifestObject> LoadDirectory(string dir) => Directory.Exists(dir)
        ? LoadFiles(Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories))
        : [];

    public static IReadOnlyList<ManifestObject> Parse(string yaml, string source)
    {
        var objects = new List<ManifestObject>();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var index = 0;
        while (parser.Accept<DocumentStart>(out _))
        {
            index++;
            var document = Yaml.Deserialize<object?>(parser);
            if (document is null) continue;
            if (ToJson(document) is not JsonObject body)
                throw new InvalidDataException($"{source} document {index}: expected a mapping (a Kubernetes object).");
            string Field(string path) => (path.Split('.').Aggregate((JsonNode?)body, (n, k) => n?[k]) as JsonValue)?.ToString()
                ?? throw new InvalidDataException($"{source} document {index}: missing {path}.");
            var ns = body["metadata"]?["namespace"]?.ToString();
            objects.Add(new ManifestObject(Field("apiVersion"), Field("kind"), ns, Field("metadata.name"), body.ToJsonString(), source));
        }
        return objects;
    }

    private static JsonNode? ToJson(object? node) => node switch
    {
        null => null,
        IDictionary map => new JsonObject(map.Keys.Cast<object>()
            .Select(k => KeyValuePair.Create(k.ToString()!, ToJson(map[k])))),
        string s => JsonValue.Create(s),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        _ => JsonValue.Create(node.ToString()),
    };
}
