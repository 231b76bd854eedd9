using System.Text.Json.Nodes;
using InferenceBox.Platform.Status;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Emulator;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// The platform step's live check, through the real adapter, against the API server emulator holding the objects as
/// the cluster does, CRDs from the pinned schemas: Gateways of Envoy Gateway's class, whose status the emulator's
/// Envoy Gateway writes; the HTTPRoute and EnvoyExtensionPolicy the AI Gateway controller generates
/// (envoyproxy/ai-gateway@v0.2.1 internal/controller/ai_gateway_route.go: same name, controller ownerReference, parentRefs
/// from targetRefs; internal/controller/gateway.go ensureExtensionPolicy: ai-eg-eep-&lt;gateway&gt; targeting the Gateway, ext_proc
/// to Backend envoy-ai-gateway-extproc-backend).
/// </summary>
public sealed class AiGatewayStatusTests : IAsyncLifetime
{
    private const string Ns = "envoy-gateway-system";
    private AdapterTarget _target = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _target = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        foreach (var crd in new[]
                 {
                     "gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gatewayclasses.yaml", "gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gateways.yaml",
                     "gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_httproutes.yaml", "envoy-ai-gateway-v0.2.1/aigateway.envoyproxy.io_aigatewayroutes.yaml",
                     "envoy-gateway-v1.4.2/gateway.envoyproxy.io_envoyextensionpolicies.yaml",
                 })
            await Apply(File.ReadAllText(ControllerTests.PinnedCrd(crd)));
        await _target.Server!.SettledAsync(Ct);
        await Apply($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {Ns}}}");
        await Apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
    }

    public ValueTask DisposeAsync() => _target.DisposeAsync();

    private Task<JsonObject> Apply(string yaml) => _target.Client.ApplyAsync(_target.Server!, yaml);

    /// <summary>
    /// The two Gateways, a tenant's model route on inference-gateway, and the AI Gateway objects on <paramref name="aiTarget"/>.
    /// When <paramref name="envoyGatewayProgramsThem"/>, the GatewayClass hands the Gateways to the emulator's Envoy
    /// Gateway, which marks them Programmed; otherwise no class exists and nothing writes their status.
    /// </summary>
    private async Task ClusterWith(string aiTarget, bool envoyGatewayProgramsThem = true)
    {
        if (envoyGatewayProgramsThem)
            await Apply("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: inferencebox}\nspec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}");
        foreach (var gateway in new[] { "inference-gateway", "ai-gateway" })
            await Apply($"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: {gateway}, namespace: {Ns}}}\n" +
                "spec: {gatewayClassName: inferencebox, listeners: [{name: http, protocol: HTTP, port: 80}]}");
        await Apply($"apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: tenant-a-models, namespace: tenant-a}}\n" +
            $"spec: {{parentRefs: [{{name: inference-gateway, namespace: {Ns}}}]}}");
        var route = await Apply($"apiVersion: aigateway.envoyproxy.io/v1alpha1\nkind: AIGatewayRoute\nmetadata: {{name: openai, namespace: {Ns}}}\n" +
            $"spec: {{schema: {{name: OpenAI}}, targetRefs: [{{group: gateway.networking.k8s.io, kind: Gateway, name: {aiTarget}}}], rules: [{{backendRefs: [{{name: tenant-b-qwen-chat}}]}}]}}");
        await Apply($"apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: openai, namespace: {Ns}, ownerReferences: " +
            $"[{{apiVersion: aigateway.envoyproxy.io/v1alpha1, kind: AIGatewayRoute, name: openai, uid: {route["metadata"]!["uid"]}, controller: true, blockOwnerDeletion: true}}]}}\n" +
            $"spec: {{parentRefs: [{{name: {aiTarget}}}]}}");
        await Apply($"apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyExtensionPolicy\nmetadata: {{name: ai-eg-eep-{aiTarget}, namespace: {Ns}}}\n" +
            $"spec: {{targetRefs: [{{group: gateway.networking.k8s.io, kind: Gateway, name: {aiTarget}}}], " +
            $"extProc: [{{backendRefs: [{{group: gateway.envoyproxy.io, kind: Backend, name: envoy-ai-gateway-extproc-backend, namespace: {Ns}}}]}}]}}");
        await _target.Server!.SettledAsync(Ct);
    }

    private AiGatewayStatus Status => new(_target.Api());

    [Fact]
    public async Task The_ai_gateway_on_its_own_programmed_gateway_has_no_problem()
    {
        await ClusterWith(aiTarget: "ai-gateway");

        (await Status.ProblemsAsync(Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_ai_extension_on_the_inference_gateway_is_named_with_its_consequence()
    {
        await ClusterWith(aiTarget: "inference-gateway");

        var problems = await Status.ProblemsAsync(Ct);

        problems.Should().HaveCount(2).And.OnlyContain(p => p.Contains("Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoute tenant-a/tenant-a-models")
            && p.Contains("answer 500"));
        problems.Should().Contain(p => p.StartsWith("AIGatewayRoute envoy-gateway-system/openai at .spec.targetRefs[0]"))
            .And.Contain(p => p.StartsWith("EnvoyExtensionPolicy envoy-gateway-system/ai-eg-eep-inference-gateway at .spec.targetRefs[0]"));
    }

    // Envoy Gateway's status for a Gateway that got no address (e.g. its LoadBalancer Service pending on a kind cluster
    // without a load-balancer provider): envoyproxy/gateway@v1.4.2 internal/gatewayapi/status/gateway.go
    // updateGatewayProgrammedCondition, Programmed False/AddressNotAssigned at the generation. The emulator's Envoy
    // Gateway always assigns an address, so the test writes that status itself, through the /status subresource,
    // on Gateways whose class does not exist (which Envoy Gateway, real or emulated, leaves alone).
    [Fact]
    public async Task An_ai_gateway_that_is_not_programmed_is_reported_with_its_conditions()
    {
        await ClusterWith(aiTarget: "ai-gateway", envoyGatewayProgramsThem: false);
        await _target.Server!.Objects.SetStatusAsync("gateway.networking.k8s.io/v1", "Gateway", Ns, "ai-gateway", new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("Accepted", "True", "Accepted", "The Gateway has been scheduled by Envoy Gateway"),
                Condition("Programmed", "False", "AddressNotAssigned", "No addresses have been assigned to the Gateway")),
        }, Ct);

        (await Status.ProblemsAsync(Ct)).Should().ContainSingle()
            .Which.Should().Contain("Gateway envoy-gateway-system/ai-gateway, targeted by AIGatewayRoute envoy-gateway-system/openai, is not Programmed")
            .And.Contain("Programmed=False (AddressNotAssigned: No addresses have been assigned to the Gateway)");
    }

    private static JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message,
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z", ["observedGeneration"] = 1,
    };
}
