using System.Text.Json;
using InferenceBox.Specs.Support.AiGateway;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>The answers of AiGateway/Fixtures/answers.json (each names the upstream source of its shape) as gateway exchanges.</summary>
public static class RecordedAnswers
{
    public static readonly Uri ChatUrl = new("http://127.0.0.1:8081" + AiGatewayDriver.ChatPath);

    public static GatewayExchange Get(string name, DateTimeOffset? sentAt = null)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AiGateway", "Fixtures", "answers.json")));
        var answer = json.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
        var body = answer.GetProperty("body");
        return new GatewayExchange("POST", ChatUrl, answer.GetProperty("status").GetInt32(),
            answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!),
            body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText(), TimeSpan.FromMilliseconds(900), $"id-{name}", null,
            SentAt: sentAt ?? DateTimeOffset.FromUnixTimeSeconds(1_764_626_400));
    }

    /// <summary>The recorded chat completion with other usage and X-RateLimit headers, sent at <paramref name="sentAt"/>.</summary>
    public static GatewayExchange Served(DateTimeOffset sentAt, int prompt, int completion, long remaining, long reset, string limit = "500, 500;w=60")
    {
        var recorded = Get("chat-completion-tenant-b", sentAt);
        var body = System.Text.Json.Nodes.JsonNode.Parse(recorded.Body)!;
        body["usage"]!["prompt_tokens"] = prompt;
        body["usage"]!["completion_tokens"] = completion;
        body["usage"]!["total_tokens"] = prompt + completion;
        return recorded with
        {
            Body = body.ToJsonString(),
            Headers = new Dictionary<string, string>(recorded.Headers)
            {
                ["x-ratelimit-limit"] = limit, ["x-ratelimit-remaining"] = remaining.ToString(), ["x-ratelimit-reset"] = reset.ToString(),
            },
        };
    }

    /// <summary>Envoy's global rate limiter's 429 (Gateway/Fixtures/rate-limited-answers.json "global") as the token budget sends it.</summary>
    public static GatewayExchange Refused(DateTimeOffset sentAt, long reset, string limit = "500, 500;w=60")
    {
        var global = Gateway.RateLimitAnswersTests.Recorded("global");
        return global with
        {
            Url = ChatUrl, SentAt = sentAt, RequestId = "id-refused-" + sentAt.ToUnixTimeSeconds(),
            Headers = new Dictionary<string, string>(global.Headers) { ["x-ratelimit-limit"] = limit, ["x-ratelimit-reset"] = reset.ToString() },
        };
    }
}
