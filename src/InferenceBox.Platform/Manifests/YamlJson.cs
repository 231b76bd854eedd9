using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InferenceBox.Platform.Manifests;

/// <summary>One YAML document of a file, as JSON, with where it starts (1-based line) and its 0-based index.</summary>
public sealed record YamlDocumentNode(int Index, int Line, JsonNode? Node);

/// <summary>
/// Reads YAML with YamlDotNet and resolves plain scalars by the YAML 1.2 core schema (what Kubernetes' Go parser
/// and Helm agree on for these files): quoted scalars stay strings, so "true" and "8080" in quotes are strings,
/// and a bare <c>=</c> or <c>on</c> is a string too (a YAML 1.1 resolver would turn some into booleans).
/// </summary>
public static partial class YamlJson
{
    public static IReadOnlyList<YamlDocumentNode> ParseAll(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{sourceName}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: " +
                $"{e.InnerException?.Message ?? e.Message}", e);
        }
        catch (InvalidOperationException e) // YamlDotNet's scanner throws this on some malformed input
        {
            throw new InvalidDataException($"{sourceName}: not valid YAML ({e.Message}).", e);
        }
        return stream.Documents
            .Select((d, i) => new YamlDocumentNode(i, (int)d.RootNode.Start.Line, ToJson(d.RootNode)))
            .ToList();
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at line {node.Start.Line}: {node.NodeType}"),
    };

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode { Value: { } k } ? k
                : throw new InvalidDataException($"Line {key.Start.Line}: only scalar mapping keys are supported");
            if (result.ContainsKey(name))
                throw new InvalidDataException($"Line {key.Start.Line}: duplicate key \"{name}\"");
            result[name] = ToJson(value);
        }
        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not ScalarStyle.Plain))
            return JsonValue.Create(text);
        return tag switch
        {
            "tag:yaml.org,2002:int" => Integer(text) ?? throw Bad(scalar, "!!int"),
            "tag:yaml.org,2002:float" => Float(text) ?? throw Bad(scalar, "!!float"),
            "tag:yaml.org,2002:bool" => Bool(text) is { } b ? JsonValue.Create(b) : throw Bad(scalar, "!!bool"),
            "tag:yaml.org,2002:null" => null,
            _ => Plain(text),
        };
    }

    /// <summary>The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).</summary>
    private static JsonNode? Plain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (Bool(text) is { } b) return JsonValue.Create(b);
        return Integer(text) ?? Float(text) ?? JsonValue.Create(text);
    }

    private static bool? Bool(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    /// <summary>
    /// An integer keeps every digit, however long: a JSON number built from its decimal digits (a 20-digit value
    /// must not turn into 1E+20 on one side and stay exact on the other).
    /// </summary>
    private static JsonNode? Integer(string text)
    {
        if (DecimalInt().IsMatch(text))
            return Exact(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (OctalInt().IsMatch(text)) return Exact(text[2..].Aggregate(BigInteger.Zero, (n, d) => n * 8 + (d - '0')));
        if (HexInt().IsMatch(text)) return Exact(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return null;
    }

    private static JsonNode Exact(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;

    private static JsonNode? Float(string text)
    {
        if (FloatNumber().IsMatch(text))
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        // JSON has no infinity or NaN; such values stay text so a schema expecting a number reports them.
        return null;
    }

    private static InvalidDataException Bad(YamlScalarNode scalar, string tag) =>
        new($"Line {scalar.Start.Line}: \"{scalar.Value}\" is not a valid {tag}");

    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex DecimalInt();
    [GeneratedRegex(@"^0o[0-7]+$")] private static partial Regex OctalInt();
    [GeneratedRegex(@"^0x[0-9a-fA-F]+$")] private static partial Regex HexInt();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex FloatNumber();
}
