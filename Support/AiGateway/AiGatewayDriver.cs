using System.Text;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Support.AiGateway;

/// <summary>
/// The AI gateway's OpenAI API on the host (INFERENCEBOX_AI_GATEWAY_URL, https://127.0.0.1:8081 by default): the only two paths Envoy
/// AI Gateway 0.2.1 serves, POST /v1/chat/completions and GET /v1/models (envoyproxy/ai-gateway@v0.2.1
/// cmd/extproc/mainlib/main.go registers exactly these). Built on <see cref="GatewayDriver"/>: it never throws on an HTTP
/// status, records every exchange (token claims, never tokens) and retries transport faults only. Over HTTPS, trusting exactly
/// the platform's CA (<see cref="GatewayTrust"/>, the one the model gateway's calls use: both certificates are cert-manager's
/// from that CA, manifests/tls/); a bearer token over plain HTTP is refused before it is sent (issue 13).
/// </summary>
public sealed class AiGatewayDriver(RunContext run, ScenarioTimeline timeline, GatewayTrust trust)
{
    public const string ChatPath = "/v1/chat/completions", ModelsPath = "/v1/models", TimelineName = "ai-gateway";

    private readonly GatewayDriver _gateway = new(run, timeline, trust.HttpClient, (run.Settings.AiGatewayUrl, "INFERENCEBOX_AI_GATEWAY_URL", TimelineName));

    /// <summary>Every answer of the AI gateway in this scenario, in order: its exchanges in the scenario's timeline.</summary>
    public IReadOnlyList<GatewayExchange> Exchanges => timeline.ExchangesOf(TimelineName);

    public Task<GatewayExchange> ChatAsync(ChatRequest request, string? bearerToken, CancellationToken ct = default) =>
        _gateway.SendAsync(HttpMethod.Post, ChatPath, bearerToken,
            new StringContent(OpenAiJson.Serialize(request), Encoding.UTF8, "application/json"), ct: ct);

    public Task<GatewayExchange> ListModelsAsync(string? bearerToken, CancellationToken ct = default) =>
        _gateway.SendAsync(HttpMethod.Get, ModelsPath, bearerToken, ct: ct);
}
