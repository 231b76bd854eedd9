using System.Text.Json.Nodes;
using Json.Schema;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The built JSON Schema of one kind, where it came from, the translated schema document (to look up what a
/// failing keyword demanded) and how many CEL rules it holds that are not checked.
/// </summary>
public sealed record KindSchema(GroupVersionKind Kind, string Source, JsonSchema Schema, JsonNode Document, int CelRules)
{
    /// <summary>A CRD schema leaves <c>metadata</c> open (the API server checks it as ObjectMeta); see <see cref="SchemaStore.ObjectMeta"/>.</summary>
    public bool IsCustomResource { get; init; }

    /// <summary>
    /// The kind's schema as upstream wrote it (OpenAPI, untranslated: <c>x-kubernetes-list-type</c>, <c>default</c>,
    /// <c>x-kubernetes-preserve-unknown-fields</c> intact); its <c>$ref</c>s resolve against <see cref="OpenApiRoot"/>.
    /// Never modify either.
    /// </summary>
    public JsonObject? OpenApi { get; init; }

    /// <summary>The document <see cref="OpenApi"/> belongs to (an OpenAPI document, or the CRD schema itself).</summary>
    public JsonObject? OpenApiRoot { get; init; }

    /// <summary>Where the translated schema of this kind is registered (absolute URI with a JSON Pointer fragment).</summary>
    public string? Location { get; init; }
}

/// <summary>The <c>paths</c> object of one Kubernetes OpenAPI document (e.g. <c>apis__apps__v1_openapi.json</c>).</summary>
public sealed record OpenApiPaths(string File, JsonObject Paths);
