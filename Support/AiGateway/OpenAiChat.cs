using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferenceBox.Specs.Support.AiGateway;

public sealed record ChatMessage(string Role, string? Content);

/// <summary>
/// An OpenAI chat completion request as the scenarios send it. Generation is not deterministic across builds and machines,
/// so every request asks for greedy decoding and a fixed seed, which llama.cpp's server reads per request
/// (tools/server/server-schema.cpp: "temperature", "seed"; "max_tokens" is an alias of n_predict), and the scenarios judge
/// structure and accounting, never text.
/// </summary>
public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, int MaxTokens, double Temperature, int Seed)
{
    public const int FixedSeed = 42;

    public static ChatRequest Ask(string model, string prompt, int maxTokens) =>
        new(model, [new ChatMessage("user", prompt)], maxTokens, Temperature: 0, Seed: FixedSeed);
}

public sealed record ChatUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

public sealed record ChatChoice(int Index, ChatMessage? Message, string? FinishReason);

/// <summary>
/// A chat completion as llama.cpp's server answers it (ggml-org/llama.cpp tools/server/server-task.cpp
/// to_json_oaicompat_chat: choices[{finish_reason, index, message{role, content}}], created, model, system_fingerprint,
/// object "chat.completion", usage{completion_tokens, prompt_tokens, total_tokens}, id "chatcmpl-…", timings) and the AI
/// Gateway passes it through unchanged for an OpenAI backend (envoyproxy/ai-gateway@v0.2.1 internal/extproc/translator/
/// openai_openai.go ResponseBody: it only reads usage). Fields the judges do not use are ignored.
/// </summary>
public sealed record ChatCompletion(string? Id, string? Object, long Created, string? Model, IReadOnlyList<ChatChoice>? Choices,
    ChatUsage? Usage, string? SystemFingerprint);

/// <summary>One entry of GET /v1/models (envoyproxy/ai-gateway@v0.2.1 internal/apischema/openai/openai.go Model: id, created, object, owned_by).</summary>
public sealed record ModelEntry(string? Id, string? Object, long Created, string? OwnedBy);

public sealed record ModelList(string? Object, IReadOnlyList<ModelEntry>? Data);

/// <summary>The OpenAI wire format: snake_case names (System.Text.Json's naming policy, no hand-written parsing).</summary>
public static class OpenAiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ChatRequest request) => JsonSerializer.Serialize(request, Options);

    /// <summary>The body as <typeparamref name="T"/>, or why it is not one (null body, or not JSON of that shape).</summary>
    public static (T? Value, string? Problem) Parse<T>(string body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options) is { } value ? (value, null) : (null, "the body is JSON null");
        }
        catch (JsonException e)
        {
            return (null, $"the body is not a {typeof(T).Name} ({e.Message.Split(" Path:")[0]}): \"{Short(body)}\"");
        }
    }

    public static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
