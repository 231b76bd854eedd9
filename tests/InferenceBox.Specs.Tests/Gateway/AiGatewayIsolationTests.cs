using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// The rule that keeps the AI extension off the Gateway of the model and issuer routes, on the shapes the live
/// cluster holds besides our manifests: the HTTPRoute and the EnvoyExtensionPolicy the AI Gateway controller
/// generates (envoyproxy/ai-gateway@v0.2.1 internal/controller/ai_gateway_route.go: an HTTPRoute named like the
/// AIGatewayRoute, controlled by it; internal/controller/gateway.go: EnvoyExtensionPolicy ai-eg-eep-&lt;gateway&gt;
/// targeting the Gateway), and label selectors (envoyproxy/gateway@v1.4.2 api/v1alpha1/policy_helpers.go).
/// </summary>
public sealed class AiGatewayIsolationTests
{
    private const string Gateways = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: inference-gateway, namespace: envoy-gateway-system, labels: {entry: models}}
        spec: {gatewayClassName: inferencebox, listeners: [{name: http, protocol: HTTP, port: 80}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: ai-gateway, namespace: envoy-gateway-system, labels: {entry: ai}}
        spec: {gatewayClassName: inferencebox, listeners: [{name: http, protocol: HTTP, port: 80}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: tenant-a-models, namespace: tenant-a}
        spec: {parentRefs: [{name: inference-gateway, namespace: envoy-gateway-system}]}
        ---
        # As the AI Gateway controller generates it for AIGatewayRoute openai.
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: openai
          namespace: envoy-gateway-system
          ownerReferences: [{apiVersion: aigateway.envoyproxy.io/v1alpha1, kind: AIGatewayRoute, name: openai, uid: u1, controller: true}]
        spec: {parentRefs: [{name: ai-gateway}]}
        ---
        apiVersion: gateway.envoyproxy.io/v1alpha1
        kind: EnvoyExtensionPolicy
        metadata: {name: ai-eg-eep-ai-gateway, namespace: envoy-gateway-system}
        spec: {targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: ai-gateway}]}
        """;

    private static IReadOnlyList<ManifestObject> Objects(string yaml) =>
        YamlJson.ParseAll(yaml, "cluster").Select(d => new ManifestObject("cluster", d.Index, d.Line, (JsonObject)d.Node!)).ToList();

    [Fact]
    public void The_ai_gateway_with_its_generated_route_and_extension_policy_is_allowed() =>
        AiGatewayIsolation.Check(Objects(Gateways)).Should().BeEmpty("the generated route and policy belong to the AI gateway's own Gateway");

    [Fact]
    public void A_generated_route_does_not_count_but_a_plain_route_on_the_ai_gateway_does()
    {
        var plainRouteOnAiGateway = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: jwt-issuer, namespace: auth-system}
            spec: {parentRefs: [{name: ai-gateway, namespace: envoy-gateway-system}]}
            """;

        var violation = AiGatewayIsolation.Check(Objects(Gateways + "\n" + plainRouteOnAiGateway)).Should().ContainSingle().Subject;

        violation.Object.Name.Should().Be("ai-eg-eep-ai-gateway");
        violation.Message.Should().Contain("Gateway envoy-gateway-system/ai-gateway, which also serves HTTPRoute auth-system/jwt-issuer");
    }

    [Theory]
    [InlineData("matchLabels: {entry: models}", true)]
    [InlineData("matchLabels: {entry: ai}", false)]
    [InlineData("matchExpressions: [{key: entry, operator: In, values: [models, other]}]", true)]
    [InlineData("matchExpressions: [{key: entry, operator: NotIn, values: [models]}]", false)]
    [InlineData("matchExpressions: [{key: entry, operator: Exists}]", true)]
    public void An_extension_policy_selecting_the_inference_gateway_by_labels_is_refused(string selector, bool refused)
    {
        var policy = $"""
            ---
            apiVersion: gateway.envoyproxy.io/v1alpha1
            kind: EnvoyExtensionPolicy
            metadata: {"{"}name: by-label, namespace: envoy-gateway-system{"}"}
            spec:
              targetSelectors:
                - {"{"}kind: Gateway, {selector}{"}"}
            """;

        var violations = AiGatewayIsolation.Check(Objects(Gateways + "\n" + policy));

        if (refused)
            violations.Should().ContainSingle(v => v.Object.Name == "by-label" && v.Path == ".spec.targetSelectors[0]")
                .Which.Message.Should().Contain("selects Gateway envoy-gateway-system/inference-gateway");
        else violations.Should().BeEmpty();
    }

    [Fact]
    public void An_ai_route_named_like_a_plain_route_would_take_that_route_over()
    {
        var sameName = """
            ---
            apiVersion: aigateway.envoyproxy.io/v1alpha1
            kind: AIGatewayRoute
            metadata: {name: tenant-a-models, namespace: tenant-a}
            spec: {schema: {name: OpenAI}, targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: ai-gateway}]}
            """;

        AiGatewayIsolation.Check(Objects(Gateways + "\n" + sameName)).Should().ContainSingle(v => v.Path == ".metadata.name")
            .Which.Message.Should().Contain("HTTPRoute tenant-a/tenant-a-models").And.Contain("overwrite");
    }
}
