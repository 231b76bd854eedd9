using k8s;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>LimitRanger admission: kubernetes/kubernetes plugin/pkg/admission/limitranger/admission.go (v1.32 wording).</summary>
public sealed class LimitRangerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>LimitRange tenant-a/tenant-defaults: a Container item with <paramref name="container"/>, and a PersistentVolumeClaim item with <paramref name="claim"/>.</summary>
    private static string TenantDefaults(string container, string? claim = null) =>
        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: tenant-defaults, namespace: tenant-a}\n" +
        $"spec: {{limits: [{{type: Container, {container}}}{(claim is null ? "" : $", {{type: PersistentVolumeClaim, {claim}}}")}]}}";

    private static readonly string TenantLimits = TenantDefaults(
        "default: {cpu: 500m, memory: 512Mi}, defaultRequest: {cpu: 50m, memory: 64Mi}, max: {cpu: \"2\", memory: 2Gi}, min: {cpu: 10m}, maxLimitRequestRatio: {cpu: \"20\"}",
        claim: "max: {storage: 1Gi}");

    private static Task<InferenceBox.Platform.Emulator.ApiServerEmulator> TenantAsync() => Emulators.TenantAsync(TenantLimits);

    private static string Pod(string resources) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: tenant-a}
        spec: {containers: [{name: model, image: kserve/sklearnserver, resources: {{resources}}}]}
        """;

    [Fact]
    public async Task Containers_without_resources_get_the_defaults_and_an_annotation_saying_so()
    {
        await using var api = await TenantAsync();

        var pod = await api.CreateClient().ApplyAsync(api, Pod("{}"));

        pod["spec"]!["containers"]![0]!["resources"]!.ToJsonString().Should().Be(
            """{"requests":{"cpu":"50m","memory":"64Mi"},"limits":{"cpu":"500m","memory":"512Mi"}}""");
        pod["metadata"]!["annotations"]!["kubernetes.io/limit-ranger"]!.ToString().Should().Be(
            "LimitRanger plugin set: cpu, memory request for container model; cpu, memory limit for container model");
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_refused_with_the_plugins_text()
    {
        await using var api = await TenantAsync();

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, Pod("{limits: {memory: 3Gi}}")));

        code.Should().Be(403);
        status.Text("reason").Should().Be("Forbidden");
        status.Text("message").Should().Be("pods \"p\" is forbidden: maximum memory usage per Container is 2Gi, but limit is 3Gi");
        api.Requests.All.Last().Layer.Should().Be("admission:LimitRanger");
    }

    [Fact]
    public async Task Every_violation_of_one_LimitRange_is_listed()
    {
        await using var api = await TenantAsync();

        var (_, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, Pod("{requests: {cpu: 5m}, limits: {cpu: '3'}}")));

        status.Text("message").Should().Be("pods \"p\" is forbidden: [minimum cpu usage per Container is 10m, but request is 5m, " +
            "maximum cpu usage per Container is 2, but limit is 3, cpu max limit to request ratio per Container is 20, but provided ratio is 600.000000]");
    }

    [Fact]
    public async Task A_claim_above_the_storage_maximum_is_refused()
    {
        await using var api = await TenantAsync();

        var (_, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: models, namespace: tenant-a}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
            """));

        status.Text("message").Should().Be("persistentvolumeclaims \"models\" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 5Gi");
    }

    [Fact]
    public async Task Only_pods_are_limited_so_a_deployment_asking_for_too_much_is_stored()
    {
        await using var api = await TenantAsync();

        var deployment = await api.CreateClient().ApplyAsync(api, ControllerTests.Deployment("3Gi", name: "llm", image: "vllm", ports: null));

        deployment["metadata"]!["uid"].Should().NotBeNull();
    }

    // kube-apiserver runs the mutating chain again when a mutating webhook changed the object (kubernetes/apiserver@v0.32.5
    // pkg/admission/reinvocation.go; plugin/webhook/mutating/dispatcher.go sets ShouldReinvoke on a change), so LimitRanger
    // defaults what Istio's injector added: the sidecar gets the ephemeral-storage the LimitRange defaults, and a pod whose
    // LimitRange has a maximum for it is admitted (manifests/tenants/*/quota.yaml relies on that).
    [Fact]
    public async Task A_sidecar_the_injection_webhook_adds_gets_the_LimitRange_defaults_when_the_chain_is_reinvoked()
    {
        await using var api = await Emulators.TenantAsync(
            TenantDefaults("default: {ephemeral-storage: 1Gi}, defaultRequest: {ephemeral-storage: 64Mi}, max: {ephemeral-storage: 4Gi}"),
            namespaceLabels: "{istio-injection: enabled}");
        var client = api.CreateClient();

        var pod = await client.ApplyAsync(api, Pod("{limits: {cpu: '1', memory: 1Gi, ephemeral-storage: 1Gi}}").Replace("kserve/sklearnserver", "model"));

        var proxy = pod["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.ToString() == "istio-proxy")!;
        proxy["resources"]!["limits"]!["ephemeral-storage"]!.ToString().Should().Be("1Gi");
        proxy["resources"]!["requests"]!["ephemeral-storage"]!.ToString().Should().Be("64Mi");
        proxy["resources"]!["limits"]!["memory"]!.ToString().Should().Be("1Gi", "the injector's own resources (global.proxy.resources) are kept");
    }
}
