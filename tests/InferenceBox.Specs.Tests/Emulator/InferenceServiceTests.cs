using k8s;
using k8s.Models;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// An InferenceService gets the predictor pod KServe 0.15.2 + Knative 1.18.1 + Istio would create, admitted like
/// any pod; the CRDs are the pinned ones (shared/schemas/crds/kserve-v0.15.2).
/// </summary>
public sealed class InferenceServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string Isvc(string memoryLimit) => $$$"""
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: sklearn-iris, namespace: tenant-a}
        spec:
          predictor:
            minReplicas: 0
            model:
              runtime: kserve-sklearnserver
              modelFormat: {name: sklearn}
              storageUri: pvc://models/sklearn-iris/v1
              resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: "1", memory: {{{memoryLimit}}}}}
        """;

    /// <param name="repositoryIstio">Istio's injection as the repository configures it (values/istiod.yaml: CNI on, so no
    /// istio-init, which the tenants' restricted Pod Security would refuse), as the rehearsal configures its emulator;
    /// otherwise the emulator's default (istio-init).</param>
    /// <param name="images">the pods' images; by default the repository's manifests/versions.yaml's</param>
    internal static async Task<InferenceBox.Platform.Emulator.ApiServerEmulator> PlatformAsync(bool becomeReady = false, bool repositoryIstio = false,
        InferenceBox.Platform.Emulator.EmulatorImages? images = null)
    {
        var api = await Emulators.StartAsync(o => o with
        {
            InferenceServicesBecomeReady = becomeReady, Images = images ?? o.Images,
            Sidecars = repositoryIstio ? InferenceBox.Platform.Rehearsal.RehearsalSidecars.OfRepository(InferenceBox.Platform.Run.RunPaths.RepositoryRoot()) : o.Sidecars,
        });
        var client = api.CreateClient();
        foreach (var crd in new[] { "serving.kserve.io_inferenceservices.yaml", "serving.kserve.io_clusterservingruntimes.yaml" })
            await client.ApplyAsync(api, File.ReadAllText(ControllerTests.PinnedCrd("kserve-v0.15.2/" + crd)));
        await api.SettledAsync(Ct);
        await client.ApplyAsync(api, """
            apiVersion: serving.kserve.io/v1alpha1
            kind: ClusterServingRuntime
            metadata: {name: kserve-sklearnserver}
            spec:
              supportedModelFormats: [{name: sklearn, version: "1", autoSelect: true}]
              containers:
              - name: kserve-container
                image: kserve/sklearnserver:v0.15.2
                resources: {requests: {cpu: "1", memory: 2Gi}, limits: {cpu: "1", memory: 2Gi}}
            """);
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a, labels: {istio-injection: enabled}}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: tenant-a}\nspec: {limits: [{type: Container, max: {memory: 2Gi}}]}");
        return api;
    }

    [Fact]
    public async Task A_predictor_pod_the_LimitRange_refuses_leaves_the_InferenceService_not_Ready_with_the_refusal()
    {
        await using var api = await PlatformAsync();

        await api.CreateClient().ApplyAsync(api, Isvc("3Gi"));
        await api.SettledAsync(Ct);

        var isvc = api.Objects.Get("serving.kserve.io/v1beta1", "InferenceService", "tenant-a", "sklearn-iris")!;
        var ready = isvc["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Ready")!;
        ready["status"]!.ToString().Should().Be("False");
        ready["reason"]!.ToString().Should().Be("RevisionFailed");
        ready["message"]!.ToString().Should().MatchRegex(
            "^Revision \"sklearn-iris-predictor-00001\" failed with message: pods \"sklearn-iris-predictor-00001-deployment-[a-z0-9]+-[a-z0-9]{5}\" is forbidden: " +
            "maximum memory usage per Container is 2Gi, but limit is 3Gi\\.$");
    }

    [Fact]
    public async Task The_predictor_pod_carries_kserve_container_queue_proxy_and_the_injected_sidecars_with_their_resources()
    {
        await using var api = await PlatformAsync();
        var client = api.CreateClient();

        await client.ApplyAsync(api, Isvc("1Gi"));
        await api.SettledAsync(Ct);

        var pod = (await client.CoreV1.ListNamespacedPodAsync("tenant-a", cancellationToken: Ct)).Items.Should().ContainSingle().Which;
        pod.Spec.Containers.Select(c => c.Name).Should().Equal("kserve-container", "queue-proxy", "istio-proxy");
        pod.Spec.InitContainers.Select(c => c.Name).Should().Equal("istio-init");
        pod.Spec.Containers.Concat(pod.Spec.InitContainers).Where(c => c.Name.StartsWith("istio-", StringComparison.Ordinal)).Select(c => c.Image)
            .Should().AllBe(Emulators.RepositoryImages.IstioProxy, "the injector's proxy image, as manifests/versions.yaml pins it");
        Resources(pod, "kserve-container").Should().Be("requests cpu=100m memory=256Mi; limits cpu=1 memory=1Gi", "the model's resources win over the runtime's");
        Resources(pod, "queue-proxy").Should().Be("requests cpu=25m memory=2Gi; limits memory=2Gi",
            "Knative sets requests.cpu 25m only; the LimitRange's default memory (its max, SetDefaults_LimitRangeItem) fills the rest");
        Resources(pod, "istio-proxy").Should().Be("requests cpu=100m memory=128Mi; limits cpu=2 memory=1Gi",
            "injected after LimitRanger's defaulting, with the chart's global.proxy.resources");
        var isvc = api.Objects.Get("serving.kserve.io/v1beta1", "InferenceService", "tenant-a", "sklearn-iris")!;
        isvc["status"]?["conditions"].Should().BeNull("nothing is Ready until the test says so");

        var marked = await api.Objects.MarkInferenceServiceReadyAsync("tenant-a", "sklearn-iris", Ct);
        marked["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Ready")!["status"]!.ToString().Should().Be("True");
        marked["status"]!["observedGeneration"]!.ToString().Should().Be("1");
    }

    [Fact]
    public async Task With_InferenceServicesBecomeReady_a_running_predictor_makes_the_InferenceService_Ready()
    {
        await using var api = await PlatformAsync(becomeReady: true);

        await api.CreateClient().ApplyAsync(api, Isvc("1Gi"));
        await api.SettledAsync(Ct);

        var isvc = api.Objects.Get("serving.kserve.io/v1beta1", "InferenceService", "tenant-a", "sklearn-iris")!;
        isvc["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Ready")!["status"]!.ToString().Should().Be("True");
    }

    [Fact]
    public async Task The_repositorys_chat_model_runs_its_own_container_as_kserves_custom_predictor_and_knative_make_it()
    {
        await using var api = await PlatformAsync(repositoryIstio: true);
        var client = api.CreateClient();
        var manifests = ManifestFiles.FolderOf(InferenceBox.Platform.Run.RunPaths.RepositoryRoot());
        // The tenant's Namespace (its Pod Security level), not its LimitRange or quota: this test is about the pod's shape.
        foreach (var o in InferenceBox.Platform.Manifests.ManifestLoader.Folder(manifests, "tenants/tenant-b").Where(o => o.Kind is "Namespace")
                     .Concat(InferenceBox.Platform.Manifests.ManifestLoader.Folder(manifests, "inference/tenant-b").Where(o => o.Name == "qwen-chat")))
            await client.ApplyAsync(api, o.Json);
        await api.SettledAsync(Ct);

        var isvc = api.Objects.Get("serving.kserve.io/v1beta1", "InferenceService", "tenant-b", "qwen-chat")!;
        var pod = (await client.CoreV1.ListNamespacedPodAsync("tenant-b", labelSelector: "serving.kserve.io/inferenceservice=qwen-chat", cancellationToken: Ct))
            .Items.Should().ContainSingle($"the chat model's pod is admitted; the InferenceService says {isvc["status"]?.ToJsonString()}; " +
                string.Join("; ", api.ControllerFailures.Select(f => f.Message))).Which;
        var server = pod.Spec.Containers.Single(c => c.Name == "kserve-container");
        server.Image.Should().StartWith("ghcr.io/ggml-org/llama.cpp:server-b11176@sha256:");
        server.Args.Should().ContainInOrder("--alias", "qwen-chat.tenant-b");
        server.SecurityContext.RunAsNonRoot.Should().BeTrue();
        server.SecurityContext.Capabilities.Drop.Should().Equal("ALL");
        server.ReadinessProbe.Should().BeNull("Knative runs the /health probe from queue-proxy");
        Resources(pod, "kserve-container").Should().Be("requests cpu=100m memory=256Mi; limits cpu=1 memory=1Gi");
    }

    private static string Resources(V1Pod pod, string container)
    {
        var r = pod.Spec.Containers.Single(c => c.Name == container).Resources;
        static string List(IDictionary<string, ResourceQuantity>? l) => string.Join(" ", (l ?? new Dictionary<string, ResourceQuantity>()).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
        return $"requests {List(r.Requests)}; limits {List(r.Limits)}";
    }
}
