using System.Text.Json.Nodes;
using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Provisioning.Ports;
using InferenceBox.Specs.Support.Waiting;
using InferenceBox.Specs.Tests.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// The provisioner's readiness waits on the emulator, where a test can write status as the real controllers do and
/// move the server's watch window: what only a test double offers.
/// </summary>
public sealed class ReadinessWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Deployment(string name) =>
        $"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}, namespace: default}}\n" +
        $"spec: {{replicas: 1, selector: {{matchLabels: {{app: {name}}}}}, template: {{metadata: {{labels: {{app: {name}}}}}, spec: {{containers: [{{name: c, image: x}}]}}}}}}";

    // As the Deployment controller writes it once the rollout is complete (kubernetes pkg/controller/deployment/sync.go calculateStatus).
    private static JsonObject RolledOut(long observedGeneration) => new()
    {
        ["observedGeneration"] = observedGeneration, ["replicas"] = 1, ["updatedReplicas"] = 1, ["availableReplicas"] = 1, ["readyReplicas"] = 1,
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable" }),
    };

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
        await server.Objects.SetConditionAsync("serving.kserve.io/v1beta1", "InferenceService", "tenant-a", "m", "Ready", true, ct: Ct);
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
        await t.Client.ApplyAsync(server, Deployment("waited"));
        foreach (var i in Enumerable.Range(0, 6)) await t.Client.ApplyAsync(server, Deployment("other-" + i));
        var listVersion = (await k8s.AppsV1OperationsExtensions.ListNamespacedDeploymentAsync(t.Client.AppsV1, "default", cancellationToken: Ct)).Metadata.ResourceVersion;

        var wait = t.Api().WaitAsync(new DeploymentAvailable("default", "waited"), WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(1), Ct);
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments"));
        await server.Objects.SetStatusAsync("apps/v1", "Deployment", "default", "waited", RolledOut(1), Ct);
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
        await t.Client.ApplyAsync(server, Deployment("waited"));

        var wait = t.Api().WaitAsync(new DeploymentAvailable("default", "waited"), WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(30), Ct);
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments"));
        await t.Client.ApplyAsync(server, Deployment("other"));
        server.ForgetWatchHistory();
        serverClock.Advance(TimeSpan.FromMinutes(11)); // past the watch's 5-10 min timeoutSeconds: the server closes it
        await t.Requests.SentAsync(s => s.Contains("watch=true") && s.Contains("deployments") && IsAfterSecondList(t.Requests.Sent));
        await server.Objects.SetStatusAsync("apps/v1", "Deployment", "default", "waited", RolledOut(1), Ct);
        await wait;

        var calls = t.Requests.Sent.Where(s => s.StartsWith("GET /apis/apps/v1/namespaces/default/deployments?", StringComparison.Ordinal))
            .Select(s => s.Contains("watch=true") ? "watch" : "list").ToList();
        calls.Should().StartWith(["list", "watch", "watch", "list", "watch"], "the resumed watch got 410 Gone, so the wait listed again: " +
            string.Join(" | ", t.Requests.Sent));
    }

    private static bool IsAfterSecondList(IReadOnlyList<string> sent) =>
        sent.Count(s => s.StartsWith("GET /apis/apps/v1/namespaces/default/deployments?", StringComparison.Ordinal) && !s.Contains("watch=true")) >= 2;

    // Issue 10 item 12: restarting a Deployment, the controller observes the new generation at once while Available stays True.
    [Fact]
    public async Task A_Deployment_mid_rollout_is_not_ready_though_Available()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        var server = t.Server!;
        await t.Client.ApplyAsync(server, Deployment("envoy-gateway"));
        var api = t.Api();
        await api.SetPodTemplateAnnotationAsync("default", "envoy-gateway", "inferencebox.dev/restart", "1", Ct);
        var midRollout = RolledOut(2);
        midRollout["replicas"] = 2; // the new ReplicaSet's pod is up, the old one not yet gone
        await server.Objects.SetStatusAsync("apps/v1", "Deployment", "default", "envoy-gateway", midRollout, Ct);

        var state = await api.ProbeAsync(new DeploymentAvailable("default", "envoy-gateway"), Ct);

        state.Ready.Should().BeFalse(state.Detail);
        state.Detail.Should().Contain("1 old replicas pending termination").And.Contain("Available=True");
    }
}
