using System.Globalization;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;
using InferenceBox.Platform.Emulator.Storage;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// What the API server does with a request once it knows the resource: read, list, and write through one
/// pipeline (<see cref="Commit"/>). HTTP requests and the emulator's own controllers both come through here, so a
/// pod a controller creates meets the same admission as one a client creates. Writes are serialized.
/// </summary>
public sealed partial class ApiOperations(ObjectStore store, ResourceCatalog catalog, SchemaStore schemas, CustomResources crds,
    IReadOnlyList<IAdmissionPlugin> plugins, TimeProvider time)
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly SchemaCheck _check = new(schemas);
    private readonly System.Collections.Concurrent.ConcurrentQueue<WriteRefusal> _refusals = new();

    public ObjectStore Store => store;
    public ResourceCatalog Catalog => catalog;
    public CustomResources CustomResources => crds;
    public TimeProvider Time => time;

    /// <summary>Every write the pipeline refused, oldest first, whoever sent it (a client or a controller), with the refusing layer.</summary>
    public IReadOnlyList<WriteRefusal> Refusals => _refusals.ToArray();

    public JsonObject Get(ApiResource r, string? ns, string name) => store.Get(r, ns, name) ?? throw ApiError.NotFound(r, name);

    /// <summary>A <c>&lt;Kind&gt;List</c> of the matching objects, with the store's current resourceVersion.</summary>
    public JsonObject List(ApiResource r, string? ns, string? labelSelector, string? fieldSelector)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector, r);
        var (items, rv) = store.List(r, ns, o => labels.Matches(o) && fields.Matches(o));
        return new JsonObject
        {
            ["apiVersion"] = r.ApiVersion,
            ["kind"] = r.Kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
    }

    public KindSchema? SchemaOf(ApiResource r) => r.IsCustom ? crds.SchemaFor(r) : schemas.Knows(r.Gvk) ? schemas.Get(r.Gvk) : null;

    public async Task<WriteResult> CreateAsync(ApiResource r, string? ns, JsonObject body, WriteOptions options, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            CheckIdentity(r, ns, null, body);
            var name = NameOf(body);
            if (name.Length > 0 && store.Get(r, ns, name) is not null) throw ApiError.AlreadyExists(r, name);
            var candidate = (JsonObject)body.DeepClone();
            if (name.Length == 0 && candidate["metadata"]?["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
                candidate["metadata"]!["name"] = prefix + Names.Random(5);
            var warnings = new List<string>();
            var stored = Commit(r, ns, null, candidate, null, options, apply: false, warnings);
            return new WriteResult(stored, true, warnings);
        }
        finally { _writes.Release(); }
    }

    public async Task<WriteResult> UpdateAsync(ApiResource r, string? ns, string name, string? subresource, JsonObject body, WriteOptions options, CancellationToken ct = default)
    {
        await _writes.WaitAsync(ct);
        try
        {
            CheckIdentity(r, ns, name, body);
            var old = store.Get(r, ns, name) ?? throw ApiError.NotFound(r, name);
            if (body["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != old["metadata"]!["resourceVersion"]!.GetValue<string>())
                throw ApiError.Conflict(r, name, "the object has been modified; please apply your changes to the latest version and try again");
            var warnings = new List<string>();
            return new WriteResult(Commit(r, ns, subresource, (JsonObject)body.DeepClone(), old, options, apply: false, warnings), false, warnings);
        }
        finally { _writes.Release(); }
    }

    public async Task<WriteResult> PatchAsync(ApiResource r, string? ns, string name, string? subresource, string contentType, string body,
        WriteOptions options, CancellationToken ct = default)
    {
        var type = contentType.Split(';')[0].Trim();
        string[] supported = r.IsCustom ? [Patches.Json, Patches.Merge, Patches.Apply] : [Patches.Json, Patches.Merge, Patches.Strategic, Patches.Apply];
        if (!supported.Contains(type)) throw ApiError.UnsupportedMediaType(type, supported);
        var patch = Patches.ParseBody(body, type);
        await _writes.WaitAsync(ct);
        try
        {
            var old = store.Get(r, ns, name);
            var warnings = new List<string>();
            if (type == Patches.Apply)
                return Apply(r, ns, name, subresource, patch as JsonObject ?? throw ApiError.BadRequest("error decoding YAML: not an object"), old, options, warnings);
            if (old is null) throw ApiError.NotFound(r, name);
            var schema = SchemaOf(r) is { } k ? SchemaNode.Of(k) : null;
            var patched = type switch
            {
                Patches.Merge => Patches.ApplyMergePatch(old, patch as JsonObject ?? throw ApiError.BadRequest("error decoding patch: not an object")),
                Patches.Strategic => Patches.ApplyStrategicMergePatch(old, patch as JsonObject ?? throw ApiError.BadRequest("error decoding patch: not an object"), schema),
                _ => Patches.ApplyJsonPatch(old, patch as JsonArray ?? throw ApiError.BadRequest("error decoding patch: a JSON patch is an array")),
            };
            if (NameOf(patched) != name) throw ApiError.BadRequest($"the name of the object ({NameOf(patched)}) does not match the name on the URL ({name})");
            return new WriteResult(Commit(r, ns, subresource, patched, old, options, apply: false, warnings), false, warnings);
        }
        finally { _writes.Release(); }
    }

    private WriteResult Apply(ApiResource r, string? ns, string name, string? subresource, JsonObject patch, JsonObject? old, WriteOptions options, List<string> warnings)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
            throw ApiError.Invalid("meta.k8s.io", "PatchOptions", "", [FieldError.Required("fieldManager", "is required for apply patch")]);
        var apiVersion = patch["apiVersion"]?.GetValue<string>() ?? "";
        if (apiVersion != r.ApiVersion)
            throw ApiError.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {r.ApiVersion}");
        CheckIdentity(r, ns, name, patch);
        var kindSchema = SchemaOf(r);
        var schema = kindSchema is null ? null : SchemaNode.Of(kindSchema);
        if (kindSchema is not null && ApplyTyping.Refusal(r, ns, name, patch, schema, _check.Check(kindSchema, patch)) is { } refusal)
            throw Refused(refusal, r, ns, name, options);
        var merged = ManagedFields.Apply(old, patch, schema, options.Manager, options.Force, r.ApiVersion, time.GetUtcNow(), subresource,
            set => Restrict(r, subresource, set));
        return new WriteResult(Commit(r, ns, subresource, merged, old, options, apply: true, warnings), old is null, warnings);
    }

    private static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    /// <summary>The checks of kubernetes/apiserver@v0.32.5 pkg/endpoints/handlers/rest.go and create.go/update.go on the body's identity.</summary>
    private static void CheckIdentity(ApiResource r, string? ns, string? urlName, JsonObject body)
    {
        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (kind is not null && kind != r.Kind || apiVersion is not null && apiVersion != r.ApiVersion)
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({r.ApiVersion})");
        if (urlName is not null && NameOf(body) is { Length: > 0 } name && name != urlName)
            throw ApiError.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
        if (r.Namespaced && body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
}
