using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Storage;

/// <summary>
/// A label selector in its string form, with the semantics of kubernetes/apimachinery@v0.32.5
/// pkg/labels/selector.go: comma-separated requirements <c>k</c>, <c>!k</c>, <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>; <c>!=</c> and <c>notin</c> also match objects without the label.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            var m = Requirement().Match(part.Trim());
            if (!m.Success) throw ApiError.BadRequest($"unable to parse requirement: found '{part.Trim()}', expected: label selector requirement");
            var key = m.Groups["key"].Value;
            var values = m.Groups["set"].Success
                ? m.Groups["set"].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet()
                : [m.Groups["value"].Value];
            requirements.Add((m.Groups["not"].Success, m.Groups["op"].Value) switch
            {
                (true, _) => labels => !labels.ContainsKey(key),
                (_, "") => labels => labels.ContainsKey(key),
                (_, "=" or "==" or "in") => labels => labels.TryGetValue(key, out var v) && values.Contains(v),
                (_, "!=" or "notin") => labels => !labels.TryGetValue(key, out var v) || !values.Contains(v),
                _ => throw ApiError.BadRequest($"unable to parse requirement: unknown operator in '{part}'"),
            });
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj) => Matches(Labels(obj));

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) =>
        obj["metadata"]?["labels"] is JsonObject labels
            ? labels.Where(l => l.Value is JsonValue).ToDictionary(l => l.Key, l => l.Value!.ToString())
            : new Dictionary<string, string>();

    /// <summary>A <c>matchLabels</c>/<c>matchExpressions</c> selector object (meta/v1 LabelSelector) as a matcher.</summary>
    public static Func<IReadOnlyDictionary<string, string>, bool> FromObject(JsonNode? selector)
    {
        if (selector is not JsonObject s) return _ => false;
        var parts = new List<string>();
        foreach (var (k, v) in s["matchLabels"] as JsonObject ?? []) parts.Add($"{k}={v}");
        foreach (var e in s["matchExpressions"]?.AsArray() ?? [])
        {
            var key = e!["key"]!.ToString();
            var values = string.Join(",", e["values"]?.AsArray().Select(x => x!.ToString()) ?? []);
            parts.Add(e["operator"]!.ToString() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                _ => "!" + key,
            });
        }
        var parsed = Parse(string.Join(",", parts));
        return parsed.Matches;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    [GeneratedRegex(@"^(?:(?<not>!)\s*(?<key>[A-Za-z0-9._/-]+)|(?<key>[A-Za-z0-9._/-]+)\s*(?:(?<op>==|!=|=)\s*(?<value>[A-Za-z0-9._-]*)|\s+(?<op>in|notin)\s*\((?<set>[^)]*)\)|(?<op>)))$")]
    private static partial Regex Requirement();
}
