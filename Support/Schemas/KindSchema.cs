using System.Text.Json.Nodes;
using Json.Schema;

namespace InferenceBox.Specs.Support.Schemas;

/// <summary>
/// The built JSON Schema of one kind, where it came from, the translated schema document (to look up what a
/// failing keyword demanded) and how many CEL rules it holds that are not checked.
/// </summary>
public sealed record KindSchema(GroupVersionKind Kind, string Source, JsonSchema Schema, JsonNode Document, int CelRules);
