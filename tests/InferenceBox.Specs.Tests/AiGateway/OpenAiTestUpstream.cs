using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InferenceBox.Specs.Tests.AiGateway;

/// <summary>
/// A minimal OpenAI-compatible stand-in for the AI gateway path on loopback, as the AI Gateway's own tests use a test upstream
/// (envoyproxy/ai-gateway@v0.2.1 tests/internal/testupstreamlib): POST /v1/chat/completions answers the recorded llama.cpp
/// completion (Fixtures/answers.json) with the routed backend's own name as "model" and a usage that grows with the request;
/// an unknown model gets the ext_proc's plain 404; GET /v1/models lists the configured models. It also keeps a per-caller
/// token budget the way Envoy Gateway's global limit does (clock-aligned windows; a request is only checked, refused once
/// the window's counter exceeds the limit; the response is charged its total tokens once sent; X-RateLimit headers on
/// every answer: envoyproxy/ratelimit src/limiter/base_limiter.go, envoyproxy/gateway@v1.4.2 internal/xds/translator/ratelimit.go).
/// Only the driver's and the spender's wiring is tested against it; the judges are tested on the recorded answers.
/// </summary>
public sealed class OpenAiTestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (string Alias, string Owner)> _models;
    private readonly long _limit;
    private readonly ConcurrentDictionary<(string Caller, long Window), long> _counters = new();
    public ConcurrentQueue<JsonObject> Requests { get; } = new();
    public ConcurrentQueue<string> Authorizations { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;

    private OpenAiTestUpstream(WebApplication app, Dictionary<string, (string, string)> models, long limit) => (_app, _models, _limit) = (app, models, limit);

    public static async Task<OpenAiTestUpstream> StartAsync(Dictionary<string, (string Alias, string Owner)> models, long limit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var upstream = new OpenAiTestUpstream(builder.Build(), models, limit);
        upstream._app.MapPost("/v1/chat/completions", upstream.ChatAsync);
        upstream._app.MapGet("/v1/models", () => Results.Json(new JsonObject
        {
            ["data"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject { ["id"] = m.Key, ["created"] = 1764626000, ["object"] = "model", ["owned_by"] = m.Value.Owner }).ToArray()),
            ["object"] = "list",
        }));
        await upstream._app.StartAsync();
        upstream.BaseUrl = new Uri(upstream._app.Urls.First());
        return upstream;
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(request);
        var caller = context.Request.Headers.Authorization.ToString();
        Authorizations.Enqueue(caller);
        var model = request["model"]!.GetValue<string>();
        if (!_models.TryGetValue(model, out var backend))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("no matching rule found");
            return;
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var window = now / 60 * 60;
        var counter = _counters.GetOrAdd((caller, window), 0);
        context.Response.Headers["x-ratelimit-limit"] = $"{_limit}, {_limit};w=60";
        context.Response.Headers["x-ratelimit-reset"] = (window + 60 - now).ToString();
        if (counter > _limit)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["x-envoy-ratelimited"] = "true";
            context.Response.Headers["x-ratelimit-remaining"] = "0";
            return;
        }
        context.Response.Headers["x-ratelimit-remaining"] = (_limit - counter).ToString();
        var completion = JsonNode.Parse(RecordedAnswers.Get("chat-completion-tenant-b").Body)!;
        var prompt = 30 + request["messages"]![0]!["content"]!.GetValue<string>().Split(' ').Length;
        var output = Math.Min(request["max_tokens"]!.GetValue<int>(), 20);
        completion["model"] = backend.Alias;
        completion["usage"] = new JsonObject { ["completion_tokens"] = output, ["prompt_tokens"] = prompt, ["total_tokens"] = prompt + output };
        await context.Response.WriteAsJsonAsync(completion);
        _counters.AddOrUpdate((caller, window), prompt + output, (_, c) => c + prompt + output);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
