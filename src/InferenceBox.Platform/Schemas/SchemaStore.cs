using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The pinned schemas of every kind the manifests may use: CRDs (<c>crds/**.yaml</c>) indexed by
/// (group, served version, kind) from <c>spec.versions[].schema.openAPIV3Schema</c>, and Kubernetes' OpenAPI v3
/// documents (<c>**.json</c>) indexed by <c>x-kubernetes-group-version-kind</c>. Each schema is translated and
/// built once, on first use, and then reused. Open it with <see cref="SchemaStoreLoader"/>.
/// </summary>
public sealed class SchemaStore
{
    private const string BaseUri = "https://inferencebox.local/schemas/";
    private readonly Dictionary<GroupVersionKind, Func<KindSchema>> _sources = new();
    private readonly ConcurrentDictionary<GroupVersionKind, Lazy<KindSchema>> _built = new();
    private readonly ConcurrentDictionary<string, Lazy<(JsonNode Document, int CelRules)>> _documents = new();
    private readonly ConcurrentDictionary<string, JsonNode> _byUri = new();
    private readonly ConcurrentDictionary<string, Lazy<KindSchema>> _appliedCrds = new();
    private readonly List<OpenApiPaths> _openApiPaths = new();
    private readonly Dictionary<string, List<YamlDocumentNode>> _crdDocuments = new();
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };

    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private Lazy<JsonSchema>? _objectMeta;

    private SchemaStore(string root) => Root = root;

    /// <summary>
    /// Kubernetes' ObjectMeta schema, to check the metadata of custom resources as the API server does (a CRD's own
    /// schema says only "metadata: object"). Null when no OpenAPI document defines it.
    /// </summary>
    public JsonSchema? ObjectMeta => _objectMeta?.Value;

    /// <summary>The folder the schemas were read from.</summary>
    public string Root { get; }

    public IReadOnlyCollection<GroupVersionKind> Kinds => _sources.Keys;

    public bool Knows(GroupVersionKind kind) => _sources.ContainsKey(kind);

    /// <summary>
    /// The <c>paths</c> of every Kubernetes OpenAPI document in the folder, in file order: which resources each
    /// group/version serves, their scope, verbs and kinds (what the API server's discovery is generated from).
    /// </summary>
    public IReadOnlyList<OpenApiPaths> OpenApiPaths => _openApiPaths;

    /// <summary>
    /// The schema of <paramref name="gvk"/> as a CRD someone applied declares it (<c>openAPIV3Schema</c>), built once
    /// per distinct schema text and reused, so applying the pinned CRDs again costs nothing.
    /// </summary>
    public KindSchema CustomResourceSchema(GroupVersionKind gvk, JsonObject openApiV3Schema, string source)
    {
        var text = openApiV3Schema.ToJsonString();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        return _appliedCrds.GetOrAdd($"{gvk}#{hash}", _ => new Lazy<KindSchema>(() =>
            BuildCrd(gvk, source, (JsonObject)JsonNode.Parse(text)!, hash))).Value;
    }

    /// <summary>
    /// The CustomResourceDefinitions of one pinned file, or of the files directly in one folder (in name order), as
    /// objects to apply (copies: the caller may change them), each with its file and line. Read when the store was
    /// opened: a caller that installs the pinned CRDs (the rehearsal's helm and kubectl) need not parse them again.
    /// </summary>
    public IReadOnlyList<ManifestObject> CustomResourceDefinitions(string fileOrFolder)
    {
        var wanted = fileOrFolder.Replace('\\', '/').TrimEnd('/');
        return _crdDocuments.Keys
            .Where(f => f == wanted || f.StartsWith(wanted + "/", StringComparison.Ordinal) && f.LastIndexOf('/') == wanted.Length)
            .Order(StringComparer.Ordinal)
            .SelectMany(f => _crdDocuments[f].Select(d => new ManifestObject(f, d.Index, d.Line, (JsonObject)d.Node!.DeepClone())))
            .ToList();
    }

    /// <summary>The built schema of <paramref name="kind"/>; built on the first call, cached after.</summary>
    public KindSchema Get(GroupVersionKind kind) => _sources.TryGetValue(kind, out var factory)
        ? _built.GetOrAdd(kind, _ => new Lazy<KindSchema>(factory)).Value
        : throw new KeyNotFoundException($"No schema for {kind} in {Root}.");

    private readonly ConcurrentDictionary<(string, string), Lazy<JsonSchema?>> _parts = new();

    /// <summary>
    /// The schema of one top-level property of a kind (e.g. <c>status</c>), to check that part alone; null when the
    /// kind's schema does not declare it. Built once per kind and property.
    /// </summary>
    public JsonSchema? PartSchema(KindSchema kind, string property) =>
        kind.Location is null ? null : _parts.GetOrAdd((kind.Location, property), _ => new Lazy<JsonSchema?>(() =>
        {
            if (kind.Document["properties"]?[property] is null) return null;
            var root = new JsonObject { ["$ref"] = $"{kind.Location}/properties/{property}" };
            var uri = new Uri($"{BaseUri}part/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kind.Location)))[..16]}/{property}");
            return JsonSchema.Build(JsonSerializer.SerializeToElement(root), _build, uri);
        })).Value;

    /// <summary>The translated schema at an evaluation result's schema location (document URI + JSON Pointer fragment).</summary>
    public JsonNode? SchemaAt(Uri location)
    {
        var text = location.ToString();
        var hash = text.IndexOf('#');
        if (!_byUri.TryGetValue(hash < 0 ? text : text[..hash], out var node)) return null;
        var pointer = hash < 0 ? "" : Uri.UnescapeDataString(text[(hash + 1)..]);
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray list when int.TryParse(segment, out var i) && i >= 0 && i < list.Count => list[i], // anyOf/0, allOf/1
                _ => null,
            };
        }
        return node;
    }

    /// <summary>
    /// Indexes every schema file under <paramref name="folder"/>. When the same kind appears twice (Gateway API's
    /// standard and experimental channels), the experimental one wins: Envoy Gateway's chart installs that channel.
    /// </summary>
    public static SchemaStore FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Schema folder {folder} does not exist. Point INFERENCEBOX_SCHEMAS at the pinned schemas.");
        var store = new SchemaStore(Path.GetFullPath(folder));
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f.Contains("/standard/", StringComparison.Ordinal) ? 1 : 0).ThenBy(f => f, StringComparer.Ordinal);
        // Parsing 16 MiB of YAML dominates; parse in parallel, index in a fixed order.
        var parsed = files.AsParallel().AsOrdered().Select(file => (file, documents: store.Parse(file))).ToList();
        foreach (var (file, documents) in parsed)
            store.Index(file, documents);
        if (store._sources.Count == 0)
            throw new InvalidDataException($"Schema folder {folder} holds no CRD or OpenAPI schema. Point INFERENCEBOX_SCHEMAS at the pinned schemas.");
        return store;
    }

    private IReadOnlyList<YamlDocumentNode> Parse(string file)
    {
        var path = Path.Combine(Root, file);
        if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
            return YamlJson.ParseAll(File.ReadAllText(path), file);
        if (!file.EndsWith(".json", StringComparison.Ordinal)) return [];
        using var stream = File.OpenRead(path);
        return [new YamlDocumentNode(0, 1, JsonNode.Parse(stream))];
    }

    private void Index(string file, IReadOnlyList<YamlDocumentNode> documents)
    {
        foreach (var document in documents)
        {
            if (document.Node?["components"]?["schemas"] is JsonObject components)
            {
                if (document.Node["paths"] is JsonObject paths) _openApiPaths.Add(new OpenApiPaths(file, paths));
                IndexOpenApi(file, components);
                continue;
            }
            if (document.Node is not JsonObject crd || crd["kind"]?.ToString() != "CustomResourceDefinition") continue;
            (_crdDocuments.TryGetValue(file, out var kept) ? kept : _crdDocuments[file] = []).Add(document);
            var group = crd["spec"]?["group"]?.ToString() ?? throw Invalid(file, document, "spec.group");
            var kindName = crd["spec"]?["names"]?["kind"]?.ToString() ?? throw Invalid(file, document, "spec.names.kind");
            foreach (var version in crd["spec"]?["versions"]?.AsArray() ?? [])
            {
                if (version?["served"]?.GetValue<bool>() is false) continue;
                var gvk = new GroupVersionKind(group, version!["name"]!.ToString(), kindName);
                if (version["schema"]?["openAPIV3Schema"] is not JsonObject schema) continue;
                _sources.TryAdd(gvk, () => BuildCrd(gvk, file, schema, null));
            }
        }
    }

    private KindSchema BuildCrd(GroupVersionKind gvk, string file, JsonObject openApi, string? variant)
    {
        var translator = new OpenApiTranslator();
        var document = translator.Translate(openApi, isRoot: true).AsObject();
        var uri = new Uri($"{BaseUri}crd/{gvk.Group}/{gvk.Version}/{gvk.Kind}{(variant is null ? "" : "/" + variant)}");
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(document), _build, uri);
        _byUri[uri.ToString()] = document;
        return new KindSchema(gvk, file, schema, document, translator.CelRules)
            { IsCustomResource = true, OpenApi = openApi, OpenApiRoot = openApi, Location = uri + "#" };
    }

    private void IndexOpenApi(string file, JsonObject schemas)
    {
        if (_objectMeta is null && schemas.ContainsKey(ObjectMetaName))
            _objectMeta = new Lazy<JsonSchema>(() => BuildReference(file, schemas, ObjectMetaName, $"{BaseUri}objectmeta"));
        foreach (var (name, schema) in schemas)
            foreach (var gvk in schema?["x-kubernetes-group-version-kind"]?.AsArray() ?? [])
            {
                var kind = new GroupVersionKind(gvk!["group"]!.ToString(), gvk["version"]!.ToString(), gvk["kind"]!.ToString());
                _sources.TryAdd(kind, () => BuildOpenApiKind(kind, file, schemas, name));
            }
    }

    private KindSchema BuildOpenApiKind(GroupVersionKind gvk, string file, JsonObject components, string name)
    {
        var schema = BuildReference(file, components, name, $"{BaseUri}kind/{gvk.Group}/{gvk.Version}/{gvk.Kind}");
        var (document, celRules) = Document(file, components);
        return new KindSchema(gvk, file, schema, document["$defs"]![name]!, celRules)
        {
            OpenApi = components[name] as JsonObject,
            OpenApiRoot = components.Root as JsonObject,
            Location = $"{BaseUri}openapi/{file}#/$defs/{name}",
        };
    }

    /// <summary>A root schema that refers to definition <paramref name="name"/> of the OpenAPI document <paramref name="file"/>.</summary>
    private JsonSchema BuildReference(string file, JsonObject components, string name, string uri)
    {
        Document(file, components);
        var root = new JsonObject { ["$ref"] = $"{BaseUri}openapi/{file}#/$defs/{name}" };
        return JsonSchema.Build(JsonSerializer.SerializeToElement(root), _build, new Uri(uri));
    }

    /// <summary>One translated document per OpenAPI file (components.schemas → $defs) keeps every $ref reachable; built once.</summary>
    private (JsonNode Document, int CelRules) Document(string file, JsonObject components) =>
        _documents.GetOrAdd(file, _ => new Lazy<(JsonNode, int)>(() =>
        {
            var translator = new OpenApiTranslator();
            var defs = new JsonObject();
            foreach (var (key, schema) in components) defs[key] = schema is null ? null : translator.Translate(schema);
            var doc = new JsonObject { ["$defs"] = defs };
            var uri = new Uri(BaseUri + "openapi/" + file);
            JsonSchema.Build(JsonSerializer.SerializeToElement(doc), _build, uri);
            _byUri[uri.ToString()] = doc;
            return (doc, translator.CelRules);
        })).Value;

    private static InvalidDataException Invalid(string file, YamlDocumentNode document, string field) =>
        new($"{file} document {document.Index + 1}: CustomResourceDefinition without {field}.");
}
