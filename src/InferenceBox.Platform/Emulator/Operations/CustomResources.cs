using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// The CustomResourceDefinitions this server serves: which resources each established CRD adds to the catalog,
/// and the schema of each served version (from the CRD as applied, built once per distinct schema by
/// <see cref="SchemaStore.CustomResourceSchema"/>). Structural defaulting follows
/// kubernetes/apiextensions-apiserver@v0.32.5 pkg/apiserver/schema/defaulting/algorithm.go: a property's
/// <c>default</c> is set where the property is missing in an object that exists.
/// </summary>
public sealed class CustomResources(SchemaStore store, ResourceCatalog catalog)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _established = new();
    // The schema of each served version, for the CRD as established: every write of a custom resource asks for it.
    private readonly Dictionary<(string Crd, string Version), (JsonObject From, KindSchema Schema)> _schemas = new();

    public void Establish(JsonObject crd)
    {
        var name = crd["metadata"]!["name"]!.GetValue<string>();
        lock (_gate) _established[name] = (JsonObject)crd.DeepClone();
        catalog.Serve(name, ResourceCatalog.FromCrd(crd));
    }

    public void Withdraw(string crdName)
    {
        lock (_gate) _established.Remove(crdName);
        catalog.Unserve(crdName);
    }

    public KindSchema? SchemaFor(ApiResource resource)
    {
        JsonObject? crd;
        var name = $"{resource.Plural}.{resource.Group}";
        lock (_gate)
        {
            _established.TryGetValue(name, out crd);
            if (crd is not null && _schemas.TryGetValue((name, resource.Version), out var known) && ReferenceEquals(known.From, crd)) return known.Schema;
        }
        var version = crd?["spec"]?["versions"]?.AsArray().FirstOrDefault(v => v?["name"]?.GetValue<string>() == resource.Version);
        if (version?["schema"]?["openAPIV3Schema"] is not JsonObject schema) return null;
        var built = store.CustomResourceSchema(resource.Gvk, schema, $"CustomResourceDefinition {crd!["metadata"]!["name"]}");
        lock (_gate) _schemas[(name, resource.Version)] = (crd, built);
        return built;
    }

    /// <summary>
    /// The CRD checks the API server makes before anything else reads a CRD
    /// (kubernetes/apiextensions-apiserver@v0.32.5 pkg/apis/apiextensions/validation/validation.go,
    /// <c>ValidateCustomResourceDefinition</c>): its name must be <c>&lt;plural&gt;.&lt;group&gt;</c>.
    /// </summary>
    public static IEnumerable<FieldError> Check(JsonObject crd)
    {
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var plural = crd["spec"]?["names"]?["plural"]?.GetValue<string>() ?? "";
        var group = crd["spec"]?["group"]?.GetValue<string>() ?? "";
        if (name != $"{plural}.{group}")
            yield return FieldError.Invalid("metadata.name", JsonValue.Create(name), "must be spec.names.plural+\".\"+spec.group");
    }

    public static void ApplyDefaults(JsonNode? obj, SchemaNode? schema)
    {
        if (schema is null) return;
        switch (obj)
        {
            case JsonObject map:
                foreach (var (name, property) in schema.Properties)
                {
                    if (!map.ContainsKey(name) && property.Default is { } value) map[name] = value.DeepClone();
                    ApplyDefaults(map[name], property);
                }
                if (schema.AdditionalProperties is { } additional)
                    foreach (var (key, value) in map.ToList())
                        if (!schema.Properties.Any(p => p.Name == key)) ApplyDefaults(value, additional);
                break;
            case JsonArray list:
                foreach (var item in list) ApplyDefaults(item, schema.Items);
                break;
        }
    }
}
