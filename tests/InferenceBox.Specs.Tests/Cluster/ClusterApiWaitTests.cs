using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>The one list-then-watch loop, on the emulator (and a real cluster when INFERENCEBOX_TEST_KUBECONTEXT names one).</summary>
public sealed class ClusterApiWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject ConfigMap(string ns, string name, string? ready = null, string? label = null) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["touched"] = label ?? "no" } },
        ["data"] = new JsonObject { ["ready"] = ready ?? "no" },
    };

    private static WaitVerdict Ready(IReadOnlyList<JsonObject> found) =>
        found.FirstOrDefault() is { } cm
            ? new((string?)cm["data"]?["ready"] == "yes", $"ready={cm["data"]?["ready"]}, touched={cm["metadata"]?["labels"]?["touched"]}")
            : new(false, "not found");

    private static bool IsWatch(string request, string name) =>
        request.StartsWith("GET", StringComparison.Ordinal) && request.Contains("watch=true") && request.Contains("metadata.name=" + name);

    private static bool IsList(string request, string name) =>
        request.StartsWith("GET", StringComparison.Ordinal) && !request.Contains("watch=true") && request.Contains("metadata.name=" + name);

    // Issue 10 item 6: one list, then one watch from the list's resourceVersion that stays open across changes that do
    // not reach the verdict — no re-reading on every event, no watch without a version (which replays ADDED at once).
    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_wait_lists_once_and_then_watches_calmly_from_the_lists_version(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var ns = await t.CreateNamespaceAsync();
        var api = t.Api();
        await api.ApplyObjectAsync(ConfigMap(ns, "waited"), "test", Ct);
        var r = await api.ResolveAsync("v1", "ConfigMap", Ct);

        var wait = api.UntilAsync(WatchTarget.Named(r, ns, "waited"), Ready, "ConfigMap waited to be ready", WaitBudgets.Names.DeploymentAvailable, null, Ct);
        await t.Requests.SentAsync(s => IsWatch(s, "waited"));
        await api.ApplyObjectAsync(ConfigMap(ns, "waited", label: "yes"), "test", Ct);
        await api.ApplyObjectAsync(ConfigMap(ns, "waited", ready: "yes", label: "yes"), "test", Ct);
        var found = await wait;

        ((string?)found.Single()["data"]!["ready"]).Should().Be("yes");
        t.Requests.Sent.Where(s => IsList(s, "waited")).Should().ContainSingle();
        t.Requests.Sent.Where(s => IsWatch(s, "waited")).Should().ContainSingle()
            .Which.Should().MatchRegex("resourceVersion=[0-9]+").And.Contain("allowWatchBookmarks=true");
    }

    // Issue 14 item 6: time is the injected clock's, so running out is decided by the test, not by a busy machine.
    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_wait_that_runs_out_says_what_it_waited_for_the_last_state_and_the_recent_events(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var ns = await t.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var api = t.Api(clock);
        await api.ApplyObjectAsync(ConfigMap(ns, "waited", label: "yes"), "test", Ct);
        await api.ApplyObjectAsync(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Event", ["type"] = "Warning", ["reason"] = "FailedScheduling",
            ["message"] = "0/1 nodes are available: 1 Insufficient memory.",
            ["metadata"] = new JsonObject { ["name"] = "waited-7d9f.1", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = "waited-7d9f", ["namespace"] = ns },
        }, "test", Ct);
        var r = await api.ResolveAsync("v1", "ConfigMap", Ct);

        var wait = api.UntilAsync(WatchTarget.Named(r, ns, "waited"), Ready, $"ConfigMap {ns}/waited to be ready",
            WaitBudgets.Names.DeploymentAvailable, TimeSpan.FromMinutes(5), Ct);
        await t.Requests.SentAsync(s => IsWatch(s, "waited"));
        clock.Advance(TimeSpan.FromMinutes(5));

        var e = (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>()).Which;
        e.WaitedFor.Should().Be($"ConfigMap {ns}/waited to be ready");
        e.LastSeen.Should().Be("ready=no, touched=yes");
        e.Message.Should().Contain("budget 'deployment-available'").And.Contain("Warning FailedScheduling Pod/waited-7d9f (x1): 0/1 nodes are available: 1 Insufficient memory.");
    }
}
