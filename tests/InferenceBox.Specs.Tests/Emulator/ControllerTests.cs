using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Controllers;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// The emulator's controllers move status as the real ones would (kubernetes/kubernetes pkg/controller/deployment,
/// replicaset, endpoint, garbagecollector); pods they create meet admission like any other pod.
/// </summary>
public sealed class ControllerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Deployment in tenant-a of one container <paramref name="name"/> (its label app too), limited to <paramref name="memoryLimit"/>.</summary>
    internal static string Deployment(string memoryLimit, string name = "web", string image = "nginx", string? ports = "[{name: http, containerPort: 8080}]") =>
        string.Join("\n", "apiVersion: apps/v1", "kind: Deployment", $"metadata: {{name: {name}, namespace: tenant-a}}", "spec:",
            $"  selector: {{matchLabels: {{app: {name}}}}}", "  template:", $"    metadata: {{labels: {{app: {name}}}}}",
            $"    spec: {{containers: [{{name: {name}, image: {image}, {(ports is null ? "" : $"ports: {ports}, ")}resources: {{limits: {{memory: {memoryLimit}}}}}}}]}}");

    private static string LimitRange(string max) =>
        $"apiVersion: v1\nkind: LimitRange\nmetadata: {{name: limits, namespace: tenant-a}}\nspec: {{limits: [{{type: Container, max: {{memory: {max}}}}}]}}";

    private static Task<InferenceBox.Platform.Emulator.ApiServerEmulator> TenantAsync() => Emulators.TenantAsync(LimitRange("2Gi"));

    [Fact]
    public async Task A_deployment_gets_a_replicaset_a_running_pod_and_becomes_available_at_its_generation()
    {
        await using var api = await TenantAsync();
        var client = api.CreateClient();

        await client.ApplyAsync(api, Deployment("1Gi"));
        await api.SettledAsync(Ct);

        api.ControllerFailures.Should().BeEmpty();
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "tenant-a", cancellationToken: Ct);
        deployment.Status.ObservedGeneration.Should().Be(deployment.Metadata.Generation);
        deployment.Status.UpdatedReplicas.Should().Be(1);
        deployment.Status.AvailableReplicas.Should().Be(1);
        deployment.Status.Conditions.Should().ContainSingle(c => c.Type == "Available").Which.Reason.Should().Be("MinimumReplicasAvailable");
        var rs = (await client.AppsV1.ListNamespacedReplicaSetAsync("tenant-a", cancellationToken: Ct)).Items.Should().ContainSingle().Which;
        rs.Name().Should().MatchRegex("^web-[bcdfghjklmnpqrstvwxz2456789]+$");
        deployment.Status.Conditions.Single(c => c.Type == "Progressing").Message.Should().Be($"ReplicaSet \"{rs.Name()}\" has successfully progressed.");
        var pod = (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items.Should().ContainSingle().Which;
        pod.Name().Should().StartWith(rs.Name() + "-");
        pod.Status.Phase.Should().Be("Running");
        api.ControllerFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_pod_admission_refuses_leaves_the_deployment_unavailable_with_the_refusal_in_ReplicaFailure_and_an_event()
    {
        await using var api = await TenantAsync();
        var client = api.CreateClient();

        await client.ApplyAsync(api, Deployment("3Gi"));
        await api.SettledAsync(Ct);

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "tenant-a", cancellationToken: Ct);
        var rs = (await client.AppsV1.ListNamespacedReplicaSetAsync("tenant-a", cancellationToken: Ct)).Items.Single();
        var failure = rs.Status.Conditions.Should().ContainSingle(c => c.Type == "ReplicaFailure").Which;
        failure.Reason.Should().Be("FailedCreate");
        failure.Message.Should().MatchRegex($"^pods \"{rs.Name()}-[bcdfghjklmnpqrstvwxz2456789]{{5}}\" is forbidden: maximum memory usage per Container is 2Gi, but limit is 3Gi$");
        deployment.Status.Conditions.Single(c => c.Type == "Available").Reason.Should().Be("MinimumReplicasUnavailable");
        deployment.Status.Conditions.Single(c => c.Type == "ReplicaFailure").Message.Should().Be(failure.Message);
        var events = await client.CoreV1.ListNamespacedEventAsync("tenant-a", fieldSelector: $"involvedObject.name={rs.Name()}", cancellationToken: Ct);
        events.Items.Should().ContainSingle(e => e.Reason == "FailedCreate" && e.Type == "Warning").Which.Message.Should().Be("Error creating: " + failure.Message);

        await client.ApplyAsync(api, LimitRange("4Gi"));
        await api.SettledAsync(Ct);
        (await client.AppsV1.ReadNamespacedDeploymentAsync("web", "tenant-a", cancellationToken: Ct)).Status.AvailableReplicas.Should().Be(1,
            "a changed LimitRange lets the ReplicaSet try again");
    }

    [Fact]
    public async Task A_service_gets_endpoints_for_its_ready_pods_with_named_ports_resolved()
    {
        await using var api = await TenantAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, Deployment("1Gi"));
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: tenant-a}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}");
        await api.SettledAsync(Ct);

        var endpoints = await client.CoreV1.ReadNamespacedEndpointsAsync("web", "tenant-a", cancellationToken: Ct);
        var pod = (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items.Single();

        endpoints.Subsets.Single().Addresses.Single().Ip.Should().Be(pod.Status.PodIP);
        endpoints.Subsets.Single().Ports.Single().Port.Should().Be(8080);
    }

    [Fact]
    public async Task Deleting_a_deployment_takes_its_replicasets_and_pods_with_it()
    {
        await using var api = await TenantAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, Deployment("1Gi"));
        await api.SettledAsync(Ct);

        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", "tenant-a", cancellationToken: Ct);
        await api.SettledAsync(Ct);

        (await client.AppsV1.ListNamespacedReplicaSetAsync("tenant-a", cancellationToken: Ct)).Items.Should().BeEmpty();
        (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_gateway_is_accepted_and_programmed_at_its_generation()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, File.ReadAllText(PinnedCrd("gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gatewayclasses.yaml")));
        await client.ApplyAsync(api, File.ReadAllText(PinnedCrd("gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gateways.yaml")));
        await api.SettledAsync(Ct);

        await client.ApplyAsync(api, "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: inference-gateway, namespace: default}\n" +
            "spec: {gatewayClassName: eg, listeners: [{name: http, port: 80, protocol: HTTP}]}");
        await api.SettledAsync(Ct);
        ControllerSupport.Condition(api.Objects.Get("gateway.networking.k8s.io/v1", "Gateway", "default", "inference-gateway"), "Programmed")
            .Should().NotBe("True", "no GatewayClass eg exists yet: Envoy Gateway does not manage the Gateway");

        await client.ApplyAsync(api, $"apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {{name: eg}}\nspec: {{controllerName: {EnvoyProxyController.ControllerName}}}");
        await api.SettledAsync(Ct);

        var gateway = api.Objects.Get("gateway.networking.k8s.io/v1", "Gateway", "default", "inference-gateway")!;
        var conditions = gateway["status"]!["conditions"]!.AsArray();
        conditions.Select(c => $"{c!["type"]}={c["status"]} {c["reason"]} @{c["observedGeneration"]}").Should().Equal("Accepted=True Accepted @1", "Programmed=True Programmed @1");
    }

    public static string PinnedCrd(string relative) => Path.Combine(Schemas.TestPaths.SchemasDir!, "crds", relative);
}
