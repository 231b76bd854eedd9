using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// Validates objects against their kind's pinned schema with JsonSchema.Net. An object whose apiVersion/kind has
/// no schema fails ("unknown kind"); so does one without apiVersion, kind or metadata.name.
/// </summary>
public sealed class SchemaValidator(SchemaStore store)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly Dictionary<GroupVersionKind, int> _uncheckedCelRules = new();

    /// <summary>The kinds validated so far whose schemas hold CEL rules that were not checked, and how many.</summary>
    public IReadOnlyDictionary<GroupVersionKind, int> UncheckedCelRules => _uncheckedCelRules;

    public IReadOnlyList<ValidationError> Validate(ManifestObject obj)
    {
        var where = obj.Describe();
        if (obj.GroupVersionKind is not { } gvk)
            return [new ValidationError(obj.File, where, null, "missing apiVersion or kind")];
        if (!store.Knows(gvk))
            return [new ValidationError(obj.File, where, null, $"unknown kind: no pinned schema for {gvk} in {store.Root}")];

        var kindSchema = store.Get(gvk);
        if (kindSchema.CelRules > 0) _uncheckedCelRules[gvk] = kindSchema.CelRules;
        var results = kindSchema.Schema.Evaluate(JsonSerializer.SerializeToElement(obj.Body), Options);
        var errors = new List<ValidationError>();
        if (obj.Name is not { Length: > 0 })
            errors.Add(new ValidationError(obj.File, where, ".metadata.name", "required field is missing"));
        if (!results.IsValid) Collect(results, obj.Body, "", obj, where, errors);
        if (kindSchema.IsCustomResource && store.ObjectMeta is { } objectMeta && obj.Body["metadata"] is { } metadata)
        {
            var metaResults = objectMeta.Evaluate(JsonSerializer.SerializeToElement(metadata), Options);
            if (!metaResults.IsValid) Collect(metaResults, metadata, ".metadata", obj, where, errors);
        }
        return errors.DistinctBy(e => (e.Path, e.Message)).ToList();
    }

    /// <summary>
    /// Walks only failing nodes, so a branch that failed inside a passing anyOf/oneOf (e.g. the "integer" side
    /// of an int-or-string holding a string) is not reported.
    /// </summary>
    private void Collect(EvaluationResults node, JsonNode instance, string prefix, ManifestObject obj, string where, List<ValidationError> errors)
    {
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            var relative = FieldPath.From(node.InstanceLocation.ToString(), instance);
            var path = prefix.Length == 0 ? relative : relative == "." ? prefix : prefix + relative;
            errors.AddRange(Describe(keyword, message, path, node, store)
                .Select(d => new ValidationError(obj.File, where, d.Path, d.Message)));
        }
        foreach (var child in node.Details ?? [])
            if (!child.IsValid) Collect(child, instance, prefix, obj, where, errors);
    }

    private static IEnumerable<(string Path, string Message)> Describe(string keyword, string message, string path, EvaluationResults node, SchemaStore store)
    {
        if (keyword == "enum" && store.SchemaAt(node.SchemaLocation)?["enum"] is JsonArray allowed)
            return [(path, $"enum: {message}; allowed: {string.Join(", ", allowed.Select(v => v?.ToJsonString() ?? "null"))}")];
        var schemaKeyword = node.EvaluationPath.ToString().Split('/').LastOrDefault();
        if (keyword == "" && schemaKeyword == "additionalProperties")
            return [(path, "unknown field: the schema allows no field of this name here")];
        if (keyword == "required" && RequiredNames(message) is { Count: > 0 } missing)
            return missing.Select(name => (FieldPath.Child(path, name), "required field is missing"));
        return [(path, $"{(keyword.Length > 0 ? keyword + ": " : "")}{message}")];
    }

    /// <summary>JsonSchema.Net names the missing properties as a JSON array in its message.</summary>
    private static List<string> RequiredNames(string message)
    {
        var (start, end) = (message.IndexOf('['), message.LastIndexOf(']'));
        if (start < 0 || end <= start) return [];
        try
        {
            return JsonNode.Parse(message[start..(end + 1)])?.AsArray().Select(n => n!.ToString()).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
