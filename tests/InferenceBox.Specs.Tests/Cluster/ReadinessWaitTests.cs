using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Emulator;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// The provisioner's readiness waits on the emulator, where a test can write status as the real controllers do and
/// move the server's watch window: what only a test double offers.
/// </summary>
public sealed class ReadinessWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Held = "held";

    private static string Deployment(string name) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: {Held}}}\n" +
        $"spec: {{replicas: 1, selector: {{matchLabels: {{app: {name}}}}}, template: {{metadata: {{labels: {{app: {name}}}}}, " +
        $"spec: {{containers: [{{name: c, image: x, resources: {{limits: {{memory: 64Mi}}}}}}]}}}}}}";

    // A namespace whose LimitRange refuses every pod (LimitRanger: "maximum memory usage per Container is 1Mi, but limit
    // is 64Mi"), so its Deployments stay unavailable until the test lifts the LimitRange and the ReplicaSet controller
    // creates the pods (the emulator's controllers: pkg/controller/replicaset/replica_set.go).
    private static async Task HoldPodsAsync(AdapterTarget t)
    {
        await t.Client.ApplyAsync(t.Server!, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {Held}}}");
        await t.Client.ApplyAsync(t.Server!, $"apiVersion: v1\nkind: LimitRange\nmetadata: {{name: tiny, namespace: {Held}}}\n" +
                                             "spec: {limits: [{type: Container, max: {memory: 1Mi}}]}");
    }

    private static Task ReleasePodsAsync(AdapterTarget t) => t.Api().DeleteAsync(new ObjectRef("v1", "LimitRange", Held, "tiny"), null, Ct);

    // Issue 10 item 6, in the issue's own case: an InferenceService without status, which changes before it is Ready.
    [Fact]
    public async Task Waiting_for_an_InferenceService_without_status_opens_one_watch_across_changes()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        var server = t.Server!;
        await t.Client.ApplyAsync(server, File.ReadAllText(Path.Combine(Schemas.TestPaths.SchemasDir!, "crds/kserve-v0.15.2/serving.kserve.io_inferenceservices.yaml")));
        await server.SettledAsync(Ct);
        await t.Client.ApplyAsync(server, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        var isvc = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: m, namespace: tenant-a, labels: {touched: LABEL}}\n" +
                   "spec: {predictor: {model: {modelFormat: {name: sklearn}}}}";
        await t.Client.ApplyAsync(server, isvc.Replace("LABEL", "no"));

        var wait = t.Api().WaitAsync(new InferenceServiceReady("tenant-a", "m"), WaitBudgets.Names.InferenceServiceReady, TimeSpan.FromMinutes(1), Ct);
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("inferenceservices"));
        await t.Client.ApplyAsync(server, isvc.Replace("LABEL", "yes"));
        await server.Objects.MarkInferenceServiceReadyAsync("tenant-a", "m", Ct);
        await wait;

        t.Requests.Sent.Where(s => s.Contains("watch=true") && s.Contains("inferenceservices")).Should().ContainSingle()
            .Which.Should().MatchRegex("resourceVersion=[0-9]+");
    }

    // Issue 10 item 7: the object's own resourceVersion is older than the server's window; the list's is not.
    [Fact]
    public async Task A_readiness_watch_starts_from_the_lists_version_not_the_objects_own()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator, o => o with { WatchCacheLowerBound = 3, WatchCacheUpperBound = 3 });
        var server = t.Server!;
        await HoldPodsAsync(t);
        await t.Client.ApplyAsync(server, Deployment("waited"));
        foreach (var i in Enumerable.Range(0, 6)) await t.Client.ApplyAsync(server, Deployment("other-" + i));
        await server.SettledAsync(Ct);
        var listVersion = (await k8s.AppsV1OperationsExtensions.ListNamespacedDeploymentAsync(t.Client.AppsV1, Held, cancellationToken: Ct)).Metadata.ResourceVersion;

        var wait = t.Api().WaitAsync(new DeploymentAvailable(Held, "waited"), WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(1), Ct);
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments"));
        await ReleasePodsAsync(t);
        await wait;

        t.Requests.Sent.Where(s => s.Contains("watch=true") && s.Contains("deployments")).Should().ContainSingle()
            .Which.Should().Contain("resourceVersion=" + listVersion);
    }

    // Issue 10 item 7: when the version it resumes from has left the window (410 Gone), the wait lists again.
    [Fact]
    public async Task A_watch_answered_410_is_followed_by_a_new_list_and_the_wait_goes_on()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator, o => o with { Time = serverClock });
        var server = t.Server!;
        await HoldPodsAsync(t);
        await t.Client.ApplyAsync(server, Deployment("waited"));
        await server.SettledAsync(Ct);

        var wait = t.Api().WaitAsync(new DeploymentAvailable(Held, "waited"), WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(30), Ct);
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments"));
        await t.Client.ApplyAsync(server, Deployment("other"));
        await server.SettledAsync(Ct);
        server.ForgetWatchHistory();
        serverClock.Advance(TimeSpan.FromMinutes(11)); // past the watch's 5-10 min timeoutSeconds: the server closes it
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments") && IsAfterSecondList(t.Requests.Sent));
        await ReleasePodsAsync(t);
        await wait;

        var calls = t.Requests.Sent.Where(s => s.StartsWith($"GET /apis/apps/v1/namespaces/{Held}/deployments?", StringComparison.Ordinal))
            .Select(s => s.Contains("watch=true") ? "watch" : "list").ToList();
        calls.Should().StartWith(["list", "watch", "watch", "list", "watch"], "the resumed watch got 410 Gone, so the wait listed again: " +
            string.Join(" | ", t.Requests.Sent));
    }

    private static bool IsAfterSecondList(IReadOnlyList<string> sent) =>
        sent.Count(s => s.StartsWith($"GET /apis/apps/v1/namespaces/{Held}/deployments?", StringComparison.Ordinal) && !s.Contains("watch=true")) >= 2;
}
