using System.Text.Json.Nodes;
using Json.Schema;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Support.Schemas;

/// <summary>
/// The built JSON Schema of one kind, where it came from, the translated schema document (to look up what a
/// failing keyword demanded) and how many CEL rules it holds that are not checked.
/// </summary>
public sealed record KindSchema(GroupVersionKind Kind, string Source, JsonSchema Schema, JsonNode Document, int CelRules)
{
    /// <summary>A CRD schema leaves <c>metadata</c> open (the API server checks it as ObjectMeta); see <see cref="SchemaStore.ObjectMeta"/>.</summary>
    public bool IsCustomResource { get; init; }
}
