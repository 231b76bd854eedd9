using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>
/// The cold-start timeout check on the AI route's chain (AIGatewayRoute → AIServiceBackend → Backend fqdn, with the
/// rule's timeouts winning over the backend's deprecated ones, envoyproxy/ai-gateway@v0.2.1
/// internal/controller/ai_gateway_route.go) and on the Gateway API duration forms.
/// </summary>
public sealed class ColdStartRouteCheckTests
{
    private static string Chain(string ruleTimeouts, string backendTimeouts, string minReplicas) => $$"""
        apiVersion: aigateway.envoyproxy.io/v1alpha1
        kind: AIGatewayRoute
        metadata: {name: openai, namespace: envoy-gateway-system}
        spec:
          rules:
            - backendRefs: [{name: chat}]
              {{ruleTimeouts}}
        ---
        apiVersion: aigateway.envoyproxy.io/v1alpha1
        kind: AIServiceBackend
        metadata: {name: chat, namespace: envoy-gateway-system}
        spec:
          backendRef: {group: gateway.envoyproxy.io, kind: Backend, name: chat}
          {{backendTimeouts}}
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: Backend
        metadata: {name: chat, namespace: envoy-gateway-system}
        spec:
          endpoints:
            - fqdn: {hostname: qwen-chat-predictor.tenant-a.svc.cluster.local, port: 80}
        ---
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: qwen-chat, namespace: tenant-a}
        spec:
          predictor:
            {{minReplicas}}
            model:
              modelFormat: {name: huggingface}
        """;

    private static IReadOnlyList<ValidationError> Check(string yaml) => ColdStartRouteCheck.Run(
        YamlJson.ParseAll(yaml, "test.yaml").Select(d => new ManifestObject("test.yaml", d.Index, d.Line, (JsonObject)d.Node!)).ToList()).ToList();

    [Theory]
    [InlineData("", "", "minReplicas: 0", "timeout of 15 s (Envoy's default")]
    [InlineData("timeouts: {request: 30s}", "", "minReplicas: 0", "timeout of 30 s")]
    [InlineData("timeouts: {request: 300s, backendRequest: 20s}", "", "minReplicas: 0", "timeout of 20 s")]
    [InlineData("", "timeouts: {request: 45s}", "minReplicas: 0", "timeout of 45 s")]
    public void A_short_or_missing_timeout_on_the_ai_route_to_a_scale_to_zero_model_is_refused(string rule, string backend, string replicas, string message) =>
        Check(Chain(rule, backend, replicas)).Should().ContainSingle().Which.Message.Should().Contain("routes to tenant-a/qwen-chat").And.Contain(message);

    [Theory]
    [InlineData("timeouts: {request: 5m}", "timeouts: {request: 10s}", "minReplicas: 0")]
    [InlineData("timeouts: {request: 0s}", "", "minReplicas: 0")]
    [InlineData("", "", "minReplicas: 1")]
    [InlineData("", "", "maxReplicas: 1")]
    public void Long_or_disabled_timeouts_and_models_that_keep_a_pod_pass(string rule, string backend, string replicas) =>
        Check(Chain(rule, backend, replicas)).Should().BeEmpty();

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m500ms", 120_500)]
    public void Gateway_api_durations_are_read_as_GEP_2257_writes_them(string text, long milliseconds) =>
        ColdStartRouteCheck.Duration(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
}
