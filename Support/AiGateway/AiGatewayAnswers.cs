using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// The judges of the AI gateway's answers: each returns what is wrong with an answer (empty when it is right), naming the
/// layer that must have produced it. Recorded answers of both kinds: tests AiGateway/Fixtures.
/// </summary>
public static class AiGatewayAnswers
{
    /// <summary>The ext_proc's own 404 for a model no rule names (envoyproxy/ai-gateway@v0.2.1 filterapi/x/x.go ErrNoMatchingRule,
    /// returned as an ImmediateResponse by internal/extproc/chatcompletion_processor.go ProcessRequestBody).</summary>
    public const string NoMatchingRule = "no matching rule found";

    /// <summary>
    /// A chat completion of <paramref name="expected"/>'s own backend: 200, object "chat.completion", a non-empty assistant
    /// message, usage with positive prompt and completion tokens that add up to the total, and "model" = the name that backend
    /// answers as. llama.cpp's server puts its own model name there, not the request's (tools/server/server-context.cpp:
    /// oaicompat_model = meta->model_name, the first --alias), and the request names another model, so only the expected
    /// backend can produce it: an answer that echoes the request's model proves nothing about where it came from.
    /// </summary>
    public static IReadOnlyList<string> ChatProblems(GatewayExchange e, ChatModel expected)
    {
        if (e.StatusCode != 200) return [$"the AI gateway answered {e.StatusCode}, not 200: \"{OpenAiJson.Short(e.Body)}\""];
        var (completion, problem) = OpenAiJson.Parse<ChatCompletion>(e.Body);
        if (completion is null) return [problem!];
        var problems = new List<string>();
        if (completion.Object != "chat.completion") problems.Add($"\"object\" is \"{completion.Object}\", not \"chat.completion\"");
        var message = completion.Choices?.FirstOrDefault()?.Message;
        if (message is null) problems.Add("there is no choice with a message");
        else if (message.Role != "assistant" || string.IsNullOrWhiteSpace(message.Content))
            problems.Add($"the first choice's message is {message.Role ?? "no role"} with content \"{message.Content}\": not a non-empty assistant message");
        problems.AddRange(UsageProblems(completion.Usage));
        if (completion.Model == expected.Model)
            problems.Add($"\"model\" is the request's own \"{expected.Model}\": an echo cannot tell which backend answered (expected {expected.ServedName})");
        else if (completion.Model != expected.ServedName)
            problems.Add($"\"model\" is \"{completion.Model}\": the answer came from another backend than {expected.Tenant}/{expected.InferenceService}, " +
                $"which answers as \"{expected.ServedName}\"");
        return problems;
    }

    /// <summary>What the gateway charges and counts (translator/openai_openai.go reads prompt, completion and total tokens).</summary>
    public static IEnumerable<string> UsageProblems(ChatUsage? usage)
    {
        if (usage is null) { yield return "there is no \"usage\": the gateway would count and charge nothing"; yield break; }
        if (usage.PromptTokens <= 0 || usage.CompletionTokens <= 0)
            yield return $"usage has prompt_tokens {usage.PromptTokens} and completion_tokens {usage.CompletionTokens}: both must be positive";
        if (usage.TotalTokens != usage.PromptTokens + usage.CompletionTokens)
            yield return $"usage.total_tokens {usage.TotalTokens} is not prompt_tokens + completion_tokens ({usage.PromptTokens} + {usage.CompletionTokens})";
    }

    /// <summary>The usage a 200 chat completion reported; null for any other answer.</summary>
    public static ChatUsage? UsageOf(GatewayExchange e) =>
        e.StatusCode == 200 ? OpenAiJson.Parse<ChatCompletion>(e.Body).Value?.Usage : null;

    /// <summary>
    /// GET /v1/models as the AI gateway answers it from its own configuration (internal/extproc/models_processor.go: object
    /// "list", one entry per model a rule matches, owned_by the rule's modelsOwnedBy): exactly the catalog's models, each owned
    /// by its tenant. A backend's own list would hold its alias, owned by "llamacpp" (llama.cpp tools/server: get_models).
    /// </summary>
    public static IReadOnlyList<string> ModelListProblems(GatewayExchange e, IReadOnlyList<ChatModel> expected)
    {
        if (e.StatusCode != 200) return [$"the AI gateway answered {e.StatusCode}, not 200: \"{OpenAiJson.Short(e.Body)}\""];
        var (list, problem) = OpenAiJson.Parse<ModelList>(e.Body);
        if (list is null) return [problem!];
        var problems = new List<string>();
        if (list.Object != "list") problems.Add($"\"object\" is \"{list.Object}\", not \"list\"");
        var listed = (list.Data ?? []).ToList();
        var ids = listed.Select(m => m.Id ?? "").Order(StringComparer.Ordinal).ToList();
        var wanted = expected.Select(m => m.Model).Order(StringComparer.Ordinal).ToList();
        if (!ids.SequenceEqual(wanted))
            problems.Add($"it lists [{string.Join(", ", ids)}], the AI route declares [{string.Join(", ", wanted)}]");
        foreach (var entry in listed)
            if (expected.FirstOrDefault(m => m.Model == entry.Id) is { } model && (entry.OwnedBy != model.Tenant || entry.Object != "model"))
                problems.Add($"{entry.Id} is a \"{entry.Object}\" owned by \"{entry.OwnedBy}\": the gateway declares a \"model\" owned by {model.Tenant}");
        return problems;
    }

    /// <summary>The AI gateway's own refusal of an unknown model: 404 with its plain-text error, not a backend's JSON error.</summary>
    public static IReadOnlyList<string> UnknownModelProblems(GatewayExchange e)
    {
        var problems = new List<string>();
        if (e.StatusCode != 404) problems.Add($"the answer is {e.StatusCode}, not the AI gateway's 404");
        if (e.Body.Trim() != NoMatchingRule)
            problems.Add($"the body is \"{OpenAiJson.Short(e.Body)}\", not the AI gateway's \"{NoMatchingRule}\"" +
                (e.Body.TrimStart().StartsWith('{') ? " (a JSON error, as a model server answers)" : ""));
        return problems;
    }
}
