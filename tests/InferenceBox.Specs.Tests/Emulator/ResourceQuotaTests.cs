using k8s;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// ResourceQuota admission (kubernetes/apiserver@v0.32.5 pkg/admission/plugin/resourcequota/controller.go, pods.go's
/// evaluator) and the quota controller that fills status (pkg/controller/resourcequota/resource_quota_controller.go).
/// </summary>
public sealed class ResourceQuotaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<InferenceBox.Platform.Emulator.ApiServerEmulator> TenantAsync(string hard)
    {
        var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        await client.ApplyAsync(api, $"apiVersion: v1\nkind: ResourceQuota\nmetadata: {{name: tenant-quota, namespace: tenant-a}}\nspec: {{hard: {hard}}}");
        await api.SettledAsync(Ct);
        return api;
    }

    private static string Pod(string name, string resources) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}, namespace: tenant-a}
        spec: {containers: [{name: model, image: m, resources: {{resources}}}, {name: queue-proxy, image: q, resources: {{resources}}}]}
        """;

    [Fact]
    public async Task The_controller_fills_hard_and_used()
    {
        await using var api = await TenantAsync("{requests.memory: 1Gi, pods: '10'}");

        var quota = await api.CreateClient().CoreV1.ReadNamespacedResourceQuotaAsync("tenant-quota", "tenant-a", cancellationToken: Ct);

        quota.Status.Hard.Keys.Should().BeEquivalentTo(["requests.memory", "pods"]);
        quota.Status.Used["requests.memory"].ToString().Should().Be("0");
    }

    [Fact]
    public async Task A_pod_without_a_tracked_compute_resource_must_specify_it()
    {
        await using var api = await TenantAsync("{limits.memory: 4Gi, requests.cpu: '2'}");

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().ApplyAsync(api, Pod("p", "{requests: {cpu: 100m}}")));

        code.Should().Be(403);
        status.Text("message").Should().Be("pods \"p\" is forbidden: failed quota: tenant-quota: must specify limits.memory for: model,queue-proxy");
        api.Requests.All.Last().Layer.Should().Be("admission:ResourceQuota");
    }

    [Fact]
    public async Task Requests_beyond_hard_are_refused_with_requested_used_and_limited_and_freed_when_a_pod_goes()
    {
        await using var api = await TenantAsync("{requests.memory: 1Gi}");
        var client = api.CreateClient();
        await client.ApplyAsync(api, Pod("first", "{requests: {memory: 384Mi}}"));

        var (_, status) = await Errors.RefusalAsync(() => client.ApplyAsync(api, Pod("second", "{requests: {memory: 256Mi}}")));
        await client.CoreV1.DeleteNamespacedPodAsync("first", "tenant-a", cancellationToken: Ct);
        await api.SettledAsync(Ct);
        var second = await client.ApplyAsync(api, Pod("second", "{requests: {memory: 256Mi}}"));

        status.Text("message").Should().Be("pods \"second\" is forbidden: exceeded quota: tenant-quota, " +
            "requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi");
        second["metadata"]!["name"]!.ToString().Should().Be("second");
        (await client.CoreV1.ReadNamespacedResourceQuotaAsync("tenant-quota", "tenant-a", cancellationToken: Ct)).Status.Used["requests.memory"]
            .ToString().Should().Be("512Mi", "admission charged the pod at once");
    }

    [Fact]
    public async Task Object_counts_are_quota_too()
    {
        await using var api = await TenantAsync("{count/configmaps: '1', persistentvolumeclaims: '1'}");
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: tenant-a}");

        var (_, status) = await Errors.RefusalAsync(() => client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, namespace: tenant-a}"));

        status.Text("message").Should().Be("configmaps \"two\" is forbidden: exceeded quota: tenant-quota, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1");
    }
}
