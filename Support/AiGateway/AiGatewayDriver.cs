using System.Text;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Run;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// The AI gateway's OpenAI API on the host (INFERENCEBOX_AI_GATEWAY_URL, 127.0.0.1:8081 by default): the only two paths Envoy
/// AI Gateway 0.2.1 serves, POST /v1/chat/completions and GET /v1/models (envoyproxy/ai-gateway@v0.2.1
/// cmd/extproc/mainlib/main.go registers exactly these). Built on <see cref="GatewayDriver"/>: it never throws on an HTTP
/// status, records every exchange (token claims, never tokens) and retries transport faults only.
/// </summary>
public sealed class AiGatewayDriver(RunContext run, ScenarioTimeline timeline)
{
    public const string ChatPath = "/v1/chat/completions", ModelsPath = "/v1/models";

    private readonly GatewayDriver _gateway = new(run, null, timeline, (run.Settings.AiGatewayUrl, "INFERENCEBOX_AI_GATEWAY_URL"));

    public IReadOnlyList<GatewayExchange> Exchanges => _gateway.Exchanges;

    public Task<GatewayExchange> ChatAsync(ChatRequest request, string? bearerToken, CancellationToken ct = default) =>
        _gateway.SendAsync(HttpMethod.Post, ChatPath, bearerToken,
            new StringContent(OpenAiJson.Serialize(request), Encoding.UTF8, "application/json"), ct: ct);

    public Task<GatewayExchange> ListModelsAsync(string? bearerToken, CancellationToken ct = default) =>
        _gateway.SendAsync(HttpMethod.Get, ModelsPath, bearerToken, ct: ct);
}
