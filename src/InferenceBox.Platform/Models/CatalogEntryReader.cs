using System.Text.Json;

namespace InferenceBox.Platform.Models;

/// <summary>
/// Turns one JSON entry of models/catalog.json into a <see cref="CatalogModel"/>, refusing it with the entry and
/// field named when a field is missing, mistyped, unknown or inconsistent.
/// </summary>
internal static class CatalogEntryReader
{
    private const string Fix = "Fix the entry, or rerun /usr/bin/python3 models/generate.py to rewrite the catalog";
    private static readonly string[] KnownProtocols = ["v1", "v2"];

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly string[] Fields =
    [
        "name", "version", "tenant", "runtime", "modelFormat", "protocols", "storagePath", "storageUri", "default",
        "probeInput", "expectedOutput", "servedModelName", "probeNote", "sha256",
    ];

    public static CatalogModel Read(string file, JsonElement element, int index)
    {
        var entry = Label(element, index);
        if (element.ValueKind != JsonValueKind.Object)
            throw new ModelCatalogException(file, entry, null, $"is a JSON {element.ValueKind}, not an object", Fix);
        // A misspelt field would otherwise be dropped silently and then reported as missing, or not at all.
        foreach (var property in element.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
            throw new ModelCatalogException(file, entry, property.Name,
                $"is not a catalog field (the fields are {string.Join(", ", Fields)})", Fix);
        Entry dto;
        try
        {
            dto = element.Deserialize<Entry>(Options)
                  ?? throw new ModelCatalogException(file, entry, null, "is null", Fix);
        }
        catch (JsonException e)
        {
            // The serializer's own positions are relative to this entry, so keep only its first sentence.
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var detail = e.Message.Split(" Path:")[0].TrimEnd('.');
            throw new ModelCatalogException(file, entry, field, $"cannot be read ({detail})", Fix);
        }

        string Required(string? value, string field) => string.IsNullOrWhiteSpace(value)
            ? throw new ModelCatalogException(file, entry, field, "is missing or empty", Fix)
            : value;
        void Refuse(string field, string problem) => throw new ModelCatalogException(file, entry, field, problem, Fix);

        var model = new CatalogModel(
            Required(dto.Name, "name"), Required(dto.Version, "version"), Required(dto.Tenant, "tenant"),
            Required(dto.Runtime, "runtime"), Required(dto.ModelFormat, "modelFormat"),
            dto.Protocols ?? [], Required(dto.StoragePath, "storagePath"), Required(dto.StorageUri, "storageUri"),
            dto.Default ?? throw new ModelCatalogException(file, entry, "default", "is missing (true or false)", Fix),
            dto.ProbeInput, dto.ExpectedOutput, dto.ServedModelName, dto.ProbeNote, dto.Sha256);

        if (model.Protocols.Count == 0 || model.Protocols.Any(p => !KnownProtocols.Contains(p)))
            Refuse("protocols", $"must list one or more of {string.Join(", ", KnownProtocols)}, got [{string.Join(", ", model.Protocols)}]");
        if (Path.IsPathRooted(model.StoragePath) || model.StoragePath.Contains('\\') || model.StoragePath.Split('/').Contains(".."))
            Refuse("storagePath", $"must be a relative path with '/' and no '..', got \"{model.StoragePath}\"");
        if (model.StorageUri.StartsWith("pvc://", StringComparison.Ordinal) && model.StorageUri != CatalogModel.PvcPrefix + model.StoragePath)
            Refuse("storageUri", $"must be \"{CatalogModel.PvcPrefix}{model.StoragePath}\" for storagePath \"{model.StoragePath}\", got \"{model.StorageUri}\"");
        if (model.Default && !model.IsLocal)
            Refuse("storageUri", $"of a default model must start with {CatalogModel.PvcPrefix} (default models need no download), got \"{model.StorageUri}\"");
        if (model.IsLocal && !Schemas.Supply.Sha256Text.IsHex(model.Sha256))
            Refuse("sha256", $"of a pvc:// model must be the SHA-256 of its artifact (64 lowercase hex digits), got {(model.Sha256 is null ? "none" : $"\"{model.Sha256}\"")}");
        CheckProbe(model, Refuse);
        return model;
    }

    private static void CheckProbe(CatalogModel model, Action<string, string> refuse)
    {
        if (model.ProbeInput is null && model.ExpectedOutput is null)
        {
            if (model.Default) refuse("probeInput", "is missing; a default model needs a probe and its expectedOutput");
            return;
        }
        if (model.ProbeInput is not { } rows)
        {
            refuse("probeInput", "is missing while expectedOutput is given");
            return;
        }
        if (rows.Length == 0) refuse("probeInput", "must hold at least one row");
        if (rows.Any(r => r is null || r.Length == 0 || r.Length != rows[0].Length))
            refuse("probeInput", "rows must all be non-empty and of the same length");
        if (model.ExpectedOutput is null || model.ExpectedOutput.Length != rows.Length)
            refuse("expectedOutput", $"must hold one class per probe row ({rows.Length}), got {model.ExpectedOutput?.Length.ToString() ?? "none"}");
    }

    private static string Label(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object) return $"models[{index}]";
        string Text(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : "?";
        return $"models[{index}] ({Text("tenant")}/{Text("name")} {Text("version")})";
    }

    private sealed record Entry(
        string? Name, string? Version, string? Tenant, string? Runtime, string? ModelFormat, string[]? Protocols,
        string? StoragePath, string? StorageUri, bool? Default, double[][]? ProbeInput, long[]? ExpectedOutput,
        string? ServedModelName, string? ProbeNote, string? Sha256);
}
