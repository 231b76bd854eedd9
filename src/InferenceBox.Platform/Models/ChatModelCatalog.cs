using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferenceBox.Platform.Models;

/// <summary>
/// One chat model the AI gateway routes (models/chat-models.json): the name clients put in the request body's "model", the
/// tenant it belongs to, the InferenceService that serves it, the name that server answers as (llama.cpp's --alias: the
/// "model" of its chat completions), and its weights (versions.yaml weights:). tests Models/ChatModelCatalogTests checks every
/// entry against manifests/ (the AIGatewayRoute rule, the SecurityPolicy rule, the InferenceService's args, the kind binds).
/// </summary>
public sealed record ChatModel(string Model, string Tenant, string InferenceService, string ServedName, string Weights)
{
    public override string ToString() => $"{Model} ({Tenant}/{InferenceService}, answers as {ServedName})";
}

/// <summary>models/chat-models.json, read strictly: an unknown or missing field is refused with the file and entry named.</summary>
public sealed class ChatModelCatalog
{
    public const string RelativePath = "models/chat-models.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private ChatModelCatalog(IReadOnlyList<ChatModel> models) => Models = models;

    public IReadOnlyList<ChatModel> Models { get; }

    /// <summary>The file the build copies next to the suite's assembly.</summary>
    public static string BesideAssembly => Path.Combine(AppContext.BaseDirectory, RelativePath);

    public static ChatModelCatalog Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidDataException($"{full} does not exist: the AI gateway's chat models are listed in {RelativePath} of the repository.");
        CatalogFile? file;
        try { file = JsonSerializer.Deserialize<CatalogFile>(File.ReadAllText(full), Options); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{full}: {e.Message.Split(" Path:")[0]} (at {e.Path}). Each entry needs exactly model, tenant, " +
                "inferenceService, servedName and weights.", e);
        }
        var models = file?.ChatModels ?? [];
        if (models.Count == 0) throw new InvalidDataException($"{full}: \"chatModels\" must list at least one model.");
        foreach (var duplicate in models.GroupBy(m => m.Model).Where(g => g.Count() > 1))
            throw new InvalidDataException($"{full}: model \"{duplicate.Key}\" is listed {duplicate.Count()} times; each model name routes to one backend.");
        return new ChatModelCatalog(models);
    }

    /// <summary>The entry of a model name, or an error listing the names there are.</summary>
    public ChatModel Get(string model) => Models.FirstOrDefault(m => m.Model == model)
        ?? throw new ArgumentException($"No chat model \"{model}\" in {RelativePath}; it lists {string.Join(", ", Models.Select(m => m.Model))}.", nameof(model));

    /// <summary>The chat model of a tenant (the scenarios say "tenant-b's chat model").</summary>
    public ChatModel OfTenant(string tenant) => Models.SingleOrDefault(m => m.Tenant == tenant)
        ?? throw new ArgumentException($"{RelativePath} lists no chat model of {tenant} (tenants with one: {string.Join(", ", Models.Select(m => m.Tenant))}).", nameof(tenant));

    private sealed record CatalogFile(IReadOnlyList<ChatModel> ChatModels);
}
