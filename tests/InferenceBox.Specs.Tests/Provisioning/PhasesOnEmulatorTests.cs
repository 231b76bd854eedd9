using InferenceBox.Platform.Emulator.Faults;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Emulator;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>
/// The provisioner's phases against the API server emulator: what the real API server would refuse is refused, and
/// what a phase waits for is what the controllers write (issue 10 items 1, 9, 10, 11).
/// </summary>
public sealed class PhasesOnEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Repo = RunPaths.RequireRepositoryRoot();

    private static ProvisionContext Context(IClusterPort cluster, string repoRoot, InferenceBoxSettings? settings = null) => new(
        settings ?? new InferenceBoxSettings(), VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(Repo), "versions.yaml")), new RecordingToolRunner(),
        cluster, new WaitBudgets(), repoRoot, Path.Combine(Path.GetTempPath(), "ibx-unused-state"));

    private static async Task InstallCrdsAsync(AdapterTarget t, params string[] files)
    {
        var crds = files.SelectMany(f => ManifestLoader.Parse(File.ReadAllText(Path.Combine(Schemas.TestPaths.SchemasDir!, f)), f)).ToList();
        await t.Api().ApplyAsync(crds, Ct);
    }

    // Issue 10 item 1, as the issue saw it: the repository's tenants/ has authorization-policy.yaml before namespace.yaml.
    [Fact]
    public async Task The_tenants_phase_applies_the_repositorys_tenants_Namespaces_first()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        await InstallCrdsAsync(t, "crds/istio-1.26.2/crd-all.gen.yaml");
        var api = t.Api();
        var tenants = PlatformPhases.All(Context(api, Repo)).Single(p => p.Name == "tenants");

        await tenants.RunAsync(Ct);

        foreach (var o in ManifestLoader.Folder(ManifestFiles.FolderOf(Repo), "tenants"))
            (await api.ExistsAsync(o, Ct)).Should().BeTrue($"{o.Identity} ({o.Where}) was applied");
    }

    // Issue 10 item 11: the gateway phase is done when each Gateway is Programmed and its Envoy proxy is rolled out.
    [Fact]
    public async Task The_gateway_phase_waits_for_the_Envoy_proxy_of_each_Gateway()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        await InstallCrdsAsync(t, "crds/gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gatewayclasses.yaml",
            "crds/gateway-api-v1.3.0/experimental/gateway.networking.k8s.io_gateways.yaml");
        await t.Client.ApplyAsync(t.Server!, "apiVersion: v1\nkind: Namespace\nmetadata: {name: envoy-gateway-system}");
        // Envoy Gateway runs, but its namespace's quota admits no pod: the proxy Deployment never becomes available.
        await t.Client.ApplyAsync(t.Server!, "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: no-pods, namespace: envoy-gateway-system}\nspec: {hard: {pods: \"0\"}}");
        await t.Client.ApplyAsync(t.Server!, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: envoy-gateway, namespace: envoy-gateway-system}\n" +
            "spec: {replicas: 1, selector: {matchLabels: {app: eg}}, template: {metadata: {labels: {app: eg}}, spec: {containers: [{name: c, image: x}]}}}");
        var repo = Directory.CreateTempSubdirectory("ibx-gateway-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(ManifestFiles.FolderOf(repo), "gateway"));
            File.WriteAllText(Path.Combine(ManifestFiles.FolderOf(repo), "gateway", "gateway.yaml"), """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: inferencebox}
                spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: inference-gateway, namespace: envoy-gateway-system}
                spec:
                  gatewayClassName: inferencebox
                  listeners: [{name: http, protocol: HTTP, port: 80}]
                """);
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var gateway = PlatformPhases.All(Context(t.Api(clock), repo)).Single(p => p.Name == "gateway");

            var run = gateway.RunAsync(Ct);
            await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("owning-gateway-name=inference-gateway"));
            await t.Server!.SettledAsync(Ct); // the ReplicaSet has tried, been refused and said so in an event
            clock.Advance(new WaitBudgets()[WaitBudgets.Names.DeploymentAvailable]);

            (await FluentActions.Awaiting(() => run).Should().ThrowAsync<WaitTimeoutException>())
                .Which.Message.Should().Contain("Envoy proxy of Gateway envoy-gateway-system/inference-gateway Available")
                .And.Contain("exceeded quota: no-pods");
        }
        finally { Directory.Delete(repo, recursive: true); }
    }

    // Issue 10 item 9: until KServe's webhook really serves, the API server's calls to it fail; the models phase retries.
    [Fact]
    public async Task The_models_phase_retries_webhook_calls_that_fail_before_the_webhook_serves()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator, o => o with { InferenceServicesBecomeReady = true });
        await InstallCrdsAsync(t, "crds/kserve-v0.15.2/serving.kserve.io_inferenceservices.yaml", "crds/kserve-v0.15.2/serving.kserve.io_clusterservingruntimes.yaml");
        await t.Api().ApplyObjectAsync(InferenceBox.Platform.Rehearsal.ChartContents.SklearnRuntime("v0.15.2"), "kserve chart", Ct);
        await t.Client.ApplyAsync(t.Server!, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        foreach (var cause in new[] { Fault.WebhookCause.NoEndpoints, Fault.WebhookCause.ConnectionRefused, Fault.WebhookCause.UnknownAuthority })
            t.Server!.Faults.Add(Fault.WebhookCallFailed("inferenceservice.kserve-webhook-server.defaulter", "kserve", "kserve-webhook-server-service",
                "/mutate-serving-kserve-io-v1beta1-inferenceservice", cause), new FaultScope(Kind: "InferenceService", Verb: "patch"), times: 1);
        var repo = Directory.CreateTempSubdirectory("ibx-models-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(ManifestFiles.FolderOf(repo), "inference", "tenant-a"));
            File.WriteAllText(Path.Combine(ManifestFiles.FolderOf(repo), "inference", "tenant-a", "m.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata: {name: m, namespace: tenant-a}
                spec:
                  predictor:
                    model:
                      runtime: kserve-sklearnserver
                      modelFormat: {name: sklearn}
                      storageUri: pvc://models/m/v1
                      resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: "1", memory: 1Gi}}
                """);
            Models.CatalogFiles.Write(repo, "m", "v1", "a pickle"u8.ToArray()); // the phase checks the artifact first (issue 19 item 12)
            var models = PlatformPhases.All(Context(t.Api(), repo)).Single(p => p.Name == "models");

            await models.RunAsync(Ct);

            t.Server!.Faults.Struck.Should().Be(3, "each failed call was answered, and the apply tried again");
            (await t.Api().ProbeAsync(new InferenceServiceReady("tenant-a", "m"), Ct)).Done.Should().BeTrue();
        }
        finally { Directory.Delete(repo, recursive: true); }
    }

    // Issue 10 item 10: a connection reset while watching (an API server restarting) is retried within the budget.
    [Fact]
    public async Task A_watch_whose_connection_is_reset_is_retried_within_the_budget()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        await t.Client.ApplyAsync(t.Server!, "apiVersion: v1\nkind: Namespace\nmetadata: {name: held}");
        await t.Client.ApplyAsync(t.Server!, "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: no-pods, namespace: held}\nspec: {hard: {pods: \"0\"}}");
        await t.Client.ApplyAsync(t.Server!, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: held}\n" +
            "spec: {replicas: 1, selector: {matchLabels: {app: d}}, template: {metadata: {labels: {app: d}}, spec: {containers: [{name: c, image: x}]}}}");
        var resets = t.Server!.Faults.Add(Fault.ConnectionReset(), new FaultScope(Kind: "Deployment", Verb: "watch"), times: 2);

        var wait = t.Api().WaitAsync(new DeploymentAvailable("held", "d"), WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(5), Ct);
        await t.Server.Faults.StruckAsync(2, Ct);
        await t.Api().DeleteAsync(new ObjectRef("v1", "ResourceQuota", "held", "no-pods"), null, Ct);
        await wait;

        resets.Struck.Should().Be(2);
    }
}
