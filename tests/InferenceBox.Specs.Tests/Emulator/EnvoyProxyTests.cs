using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Emulator.Controllers;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Envoy Gateway's proxy Deployment per Gateway (envoyproxy/gateway@v1.4.2, see EnvoyProxyController).</summary>
public sealed class EnvoyProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_proxy_is_named_as_Envoy_Gateway_hashes_it()
    {
        // printf 'envoy-gateway-system/inference-gateway' | sha256sum → 6122d245…
        EnvoyProxyController.HashedName("envoy-gateway-system/inference-gateway", 48).Should().Be("envoy-gateway-system-inference-gateway-6122d245");
        EnvoyProxyController.HashedName(new string('n', 30) + "/" + new string('g', 30), 48).Should().HaveLength(48 + 9);
    }

    /// <summary>An emulator with Gateway API's CRDs, Envoy Gateway's Deployment, its GatewayClass and a Gateway of it, settled.</summary>
    internal static async Task<ApiServerEmulator> GatewayAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var api = await Emulators.StartAsync(configure);
        var client = api.CreateClient();
        foreach (var file in new[] { "gateway.networking.k8s.io_gatewayclasses.yaml", "gateway.networking.k8s.io_gateways.yaml" })
            await client.ApplyAsync(api, File.ReadAllText(Path.Combine(Schemas.TestPaths.SchemasDir!, "crds/gateway-api-v1.3.0/experimental", file)));
        await api.SettledAsync(Ct);
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: envoy-gateway-system}");
        await client.ApplyAsync(api, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: envoy-gateway, namespace: envoy-gateway-system}\n" +
            "spec: {replicas: 1, selector: {matchLabels: {app: eg}}, template: {metadata: {labels: {app: eg}}, spec: {containers: [{name: c, image: x}]}}}");
        await client.ApplyAsync(api, $"apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {{name: eg}}\nspec: {{controllerName: {EnvoyProxyController.ControllerName}}}");
        await client.ApplyAsync(api, "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: inference-gateway, namespace: envoy-gateway-system}\n" +
            "spec: {gatewayClassName: eg, listeners: [{name: http, protocol: HTTP, port: 80}]}");
        await api.SettledAsync(Ct);
        return api;
    }

    [Fact]
    public async Task A_Gateway_of_Envoy_Gateways_class_gets_its_proxy_Deployment_once_Envoy_Gateway_runs()
    {
        await using var api = await GatewayAsync();

        var proxies = api.Objects.List("apps/v1", "Deployment", "envoy-gateway-system")
            .Where(d => d["metadata"]!["labels"]?["gateway.envoyproxy.io/owning-gateway-name"]?.ToString() == "inference-gateway").ToList();
        proxies.Should().ContainSingle().Which["metadata"]!["name"]!.ToString()
            .Should().Be(EnvoyProxyController.HashedName("envoy-gateway-system/inference-gateway", 48).Insert(0, "envoy-"));
        proxies[0]["status"]?["conditions"]?.AsArray().Should().Contain(c => c!["type"]!.ToString() == "Available" && c["status"]!.ToString() == "True");
        proxies[0]["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString().Should().Be(Emulators.RepositoryImages.EnvoyProxy,
            "the controller's default image, as manifests/versions.yaml pins it");
    }
}
