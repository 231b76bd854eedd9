using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Rehearsal;
using k8s;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// The repository's own manifests under the emulator's PodSecurity admission (issue 19 item 8), as the rehearsal will run
/// them: tenant-a's namespace enforces restricted, its model's predictor pod is admitted when Istio injects for its CNI
/// plugin (the injector's ConfigMap the istiod stand-in renders from values/istiod.yaml) and refused for istio-init when
/// it does not; Istio's CNI DaemonSet rolls out where istio-system is privileged, and never where restricted is enforced.
/// </summary>
public sealed class PlatformPodSecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Manifests = ManifestFiles.FolderOf(Schemas.TestPaths.RepoRoot);

    private static IEnumerable<ManifestObject> Repo(string file) => ManifestLoader.Parse(File.ReadAllText(Path.Combine(Manifests, file)), file);

    private static async Task ApplyAsync(ApiServerEmulator api, IEnumerable<JsonObject> objects)
    {
        var cluster = new ClusterApi(api.CreateClient(), new InferenceBox.Platform.Waiting.WaitBudgets());
        await cluster.ApplyAsync(objects.Select(o => ManifestObject.Built(o, "test")).ToList(), Ct);
        await api.SettledAsync(Ct);
    }

    private static JsonObject IstiodValues(bool cni)
    {
        var values = (JsonObject)YamlJson.ParseAll(File.ReadAllText(Path.Combine(Manifests, "values", "istiod.yaml")), "istiod.yaml").Single().Node!;
        values["cni"] = new JsonObject { ["enabled"] = cni };
        return values;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tenant_as_predictor_is_admitted_under_restricted_only_with_Istios_CNI(bool cni)
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        foreach (var crd in new[] { "serving.kserve.io_inferenceservices.yaml", "serving.kserve.io_clusterservingruntimes.yaml" })
            await client.ApplyAsync(api, File.ReadAllText(ControllerTests.PinnedCrd("kserve-v0.15.2/" + crd)));
        await api.SettledAsync(Ct);
        var namespaces = Repo("platform/namespaces/namespaces.yaml").Concat(Repo("platform/knative/namespace.yaml")).Concat(Repo("tenants/tenant-a/namespace.yaml"));
        await ApplyAsync(api, [.. namespaces.Select(o => o.Body), .. Repo("platform/knative/config-features.yaml").Select(o => o.Body),
            ChartContents.SklearnRuntime("v0.15.2"),
            .. ChartContents.Objects(new HelmRelease("istiod", "istiod", "istio-system", "1.26.2", IstiodValues(cni))).Where(o => (string?)o["kind"] == "ConfigMap")]);

        await ApplyAsync(api, Repo("inference/tenant-a/sklearn-iris.yaml").Select(o => o.Body));

        var pods = (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items;
        var deployment = api.Objects.List("apps/v1", "Deployment", "tenant-a").Should().ContainSingle().Which;
        if (cni)
        {
            var pod = pods.Should().ContainSingle("the restricted namespace admits the predictor").Which;
            pod.Spec.InitContainers.Select(c => c.Name).Should().Equal("istio-validation");
            pod.Spec.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault", "the InferenceService's pod profile covers Istio's containers");
            pod.Spec.Containers.Single(c => c.Name == "kserve-container").SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        }
        else
        {
            pods.Should().BeEmpty();
            ReadinessRules.Of(deployment).State.Should().Contain("violates PodSecurity \"restricted:latest\"")
                .And.Contain("container \"istio-init\" must not include \"NET_ADMIN\", \"NET_RAW\"");
        }
    }

    [Theory]
    [InlineData("istio-system", true)]
    [InlineData("monitoring", false)]
    public async Task Istios_CNI_node_agent_rolls_out_only_where_privileged_pods_are_admitted(string ns, bool rollsOut)
    {
        await using var api = await Emulators.StartAsync();
        await ApplyAsync(api, Repo("platform/namespaces/namespaces.yaml").Select(o => o.Body));
        var daemonSet = ChartContents.Objects(new HelmRelease("cni", "istio-cni", ns, "1.26.2", new JsonObject())).Single();

        await ApplyAsync(api, [daemonSet]);

        var cluster = new ClusterApi(api.CreateClient(), new InferenceBox.Platform.Waiting.WaitBudgets());
        var state = await cluster.ProbeAsync(new DaemonSetReady(ns, "istio-cni-node"), Ct);
        state.Done.Should().Be(rollsOut, state.State);
        api.ControllerFailures.Should().BeEmpty();
        if (rollsOut) state.State.Should().Contain("desired 1 (updated 1, available 1, ready 1)");
        else
            api.Objects.List("v1", "Event", ns).Select(e => (string?)e["message"]).Should().Contain(m =>
                m!.StartsWith("Error creating: pods \"istio-cni-node-") && m.Contains("violates PodSecurity \"restricted:latest\"") && m.Contains("restricted volume type \"hostPath\""));
        api.ControllerFailures.Should().BeEmpty();
    }
}
