using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Schemas;
using Json.Schema;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Checks an object against its kind's pinned schema (built by <see cref="SchemaStore"/>, evaluated by JsonSchema.Net)
/// and words each failure as the API server does for structural schemas
/// (kubernetes/apiextensions-apiserver@v0.32.5 pkg/apiserver/validation/validation.go,
/// <c>kubeOpenAPIResultToFieldErrors</c>, with kube-openapi's messages, pkg/validation/errors/schema.go), e.g.
/// <c>spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"</c>.
/// Fields the schema does not declare are returned apart: the caller decides (prune and warn, or refuse).
/// </summary>
public sealed class SchemaCheck(SchemaStore store)
{
    private static readonly EvaluationOptions Fast = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>A field the schema does not declare: its Kubernetes path and its JSON Pointer in the checked object.</summary>
    public sealed record Unknown(string Path, string Pointer);

    /// <summary>A value of the wrong JSON type: where, what the schema wants, what is there.</summary>
    public sealed record Mistyped(string Pointer, string Expected, JsonNode? Value);

    public sealed record Result(IReadOnlyList<FieldError> Errors, IReadOnlyList<Unknown> UnknownFields, IReadOnlyList<Mistyped> Mistyped);

    /// <summary>
    /// Results by kind and content, per process: a CRD of a megabyte costs a third of a second to evaluate, and the
    /// same content is checked again as an apply patch, as the stored object, and in every test that applies it.
    /// Server-set metadata (uid, timestamps, managedFields, ...) is left out of the key: it is valid by construction.
    /// </summary>
    private static readonly ConcurrentDictionary<(KindSchema, string), Result> Cache = new();
    private static readonly string[] ServerSet = ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds"];

    public Result Check(KindSchema schema, JsonObject obj)
    {
        var key = (schema, Key(obj));
        if (Cache.TryGetValue(key, out var cached)) return cached;
        var found = new Found();
        Evaluate(schema.Schema, WithoutEmbeddedSchemas(schema, obj), "", "", found);
        if (schema.IsCustomResource && store.ObjectMeta is { } meta && obj["metadata"] is JsonObject metadata)
            Evaluate(meta, metadata, "metadata", "/metadata", found);
        var result = new Result(found.Errors.DistinctBy(e => e.ToString()).ToList(), found.Unknown.Distinct().ToList(), found.Mistyped);
        if (Cache.Count > 4096) Cache.Clear();
        Cache[key] = result;
        return result;
    }

    /// <summary>Checks one top-level part alone (a <c>/status</c> write changes nothing else), against that part's schema.</summary>
    public Result CheckPart(KindSchema schema, JsonObject obj, string property)
    {
        var found = new Found();
        if (store.PartSchema(schema, property) is { } part && obj[property] is { } value)
            Evaluate(part, value, property, "/" + property, found);
        return new Result(found.Errors.DistinctBy(e => e.ToString()).ToList(), found.Unknown.Distinct().ToList(), found.Mistyped);
    }

    /// <summary>
    /// A CRD's <c>openAPIV3Schema</c> is not checked against JSONSchemaProps (recursive, and most of a CRD's megabyte):
    /// the real server checks it with Go code, not OpenAPI (apiextensions-apiserver pkg/apis/apiextensions/validation),
    /// and here it is translated and built when the CRD is served, where a broken one fails.
    /// </summary>
    private static JsonObject WithoutEmbeddedSchemas(KindSchema schema, JsonObject obj)
    {
        if (schema.Kind is not { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" }) return obj;
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
            copy[key] = key == "spec" ? null : value?.DeepClone();
        if (obj["spec"] is not JsonObject spec) return copy;
        var specCopy = new JsonObject();
        foreach (var (key, value) in spec)
            specCopy[key] = key == "versions" ? null : value?.DeepClone();
        specCopy["versions"] = new JsonArray((spec["versions"]?.AsArray() ?? []).Select(v =>
        {
            if (v is not JsonObject version) return v?.DeepClone();
            var versionCopy = new JsonObject();
            foreach (var (key, value) in version)
                versionCopy[key] = key == "schema" && value is JsonObject ? new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object" } } : value?.DeepClone();
            return versionCopy;
        }).ToArray());
        copy["spec"] = specCopy;
        return copy;
    }

    private static string Key(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
            foreach (var field in ServerSet) metadata.Remove(field);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(copy)));
    }

    private sealed class Found
    {
        public readonly List<FieldError> Errors = new();
        public readonly List<Unknown> Unknown = new();
        public readonly List<Mistyped> Mistyped = new();
    }

    private void Evaluate(JsonSchema schema, JsonNode instance, string prefix, string pointerPrefix, Found found)
    {
        var element = JsonSerializer.SerializeToElement(instance);
        if (schema.Evaluate(element, Fast).IsValid) return;
        Collect(schema.Evaluate(element, Detailed), instance, prefix, pointerPrefix, found);
    }

    private void Collect(EvaluationResults node, JsonNode instance, string prefix, string pointerPrefix, Found found)
    {
        var here = store.SchemaAt(node.SchemaLocation);
        if (SchemaWording.IntOrString(here, "", null, t => t) is not null)
        {
            // an int-or-string field holding something else: one error, not one per branch
            var path = FieldPointers.Join(prefix, FieldPointers.Path(node.InstanceLocation.ToString()));
            found.Errors.AddRange(SchemaWording.IntOrString(here, path, FieldPointers.At(instance, node.InstanceLocation.ToString()), t => $"{(path.Length == 0 ? "body" : path)} in body {t}")!);
            found.Mistyped.Add(new Mistyped(pointerPrefix + node.InstanceLocation, "[\"integer\",\"string\"]", FieldPointers.At(instance, node.InstanceLocation.ToString())));
            return;
        }
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            var pointer = node.InstanceLocation.ToString();
            var path = FieldPointers.Join(prefix, FieldPointers.Path(pointer));
            var value = FieldPointers.At(instance, pointer);
            var schema = store.SchemaAt(node.SchemaLocation);
            if (keyword == "" && node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal))
            {
                found.Unknown.Add(new Unknown(path, pointerPrefix + pointer));
                continue;
            }
            if (keyword == "type") found.Mistyped.Add(new Mistyped(pointerPrefix + pointer, schema?["type"]?.ToJsonString() ?? "", value));
            if (SchemaWording.Describe(keyword, message, path, value, schema) is { } error) found.Errors.AddRange(error);
        }
        foreach (var child in node.Details ?? [])
            if (!child.IsValid) Collect(child, instance, prefix, pointerPrefix, found);
    }

}
