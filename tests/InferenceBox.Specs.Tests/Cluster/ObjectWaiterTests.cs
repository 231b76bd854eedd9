using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FluentAssertions;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Waiting;
using Xunit;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class ObjectWaiterTests
{
    private static readonly ObjectRef Isvc = ObjectRef.InferenceService("tenant-a", "sklearn-iris");
    private static readonly WaitBudgets Tiny = new(0.002); // inferenceservice-ready: 5 min → 0.6 s

    private static JsonNode Isvc_(string ready, long generation = 1, long observed = 1, string? message = null) => new JsonObject
    {
        ["metadata"] = new JsonObject { ["name"] = "sklearn-iris", ["generation"] = generation },
        ["status"] = new JsonObject
        {
            ["observedGeneration"] = observed,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready, ["reason"] = "R", ["message"] = message ?? "" }),
        },
    };

    [Fact]
    public async Task Returns_at_once_when_the_list_already_shows_the_condition()
    {
        var source = new FakeSource(Isvc_("True"));
        await new ObjectWaiter(source, Tiny).ConditionAsync(Isvc, "Ready", WaitBudgets.Names.InferenceServiceReady, TestContext.Current.CancellationToken);
        source.WatchedFrom.Should().BeEmpty("no watch is needed");
    }

    [Fact]
    public async Task Watches_from_the_lists_resource_version_until_the_condition_holds()
    {
        var source = new FakeSource(Isvc_("False"));
        var wait = new ObjectWaiter(source, new WaitBudgets(1)).ConditionAsync(Isvc, "Ready", WaitBudgets.Names.InferenceServiceReady,
            TestContext.Current.CancellationToken);
        await source.Send(new ObjectChange("MODIFIED", Isvc_("True", generation: 2, observed: 1)));
        await source.Send(new ObjectChange("MODIFIED", Isvc_("True", generation: 2, observed: 2)));

        (await wait)!["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(2, "a Ready status for an older generation does not count");
        source.WatchedFrom.Should().Equal("41");
    }

    [Fact]
    public async Task A_closed_watch_is_followed_by_a_new_list_within_the_budget()
    {
        var source = new FakeSource(Isvc_("False"));
        var wait = new ObjectWaiter(source, new WaitBudgets(1)).ConditionAsync(Isvc, "Ready", WaitBudgets.Names.InferenceServiceReady,
            TestContext.Current.CancellationToken);
        source.ListResult = Isvc_("True");
        source.CloseWatch();

        await wait;
        source.Lists.Should().Be(2);
    }

    [Fact]
    public async Task The_timeout_names_what_was_awaited_the_last_state_and_recent_events()
    {
        var source = new FakeSource(Isvc_("False", message: "0/1 nodes are available: 1 Insufficient memory"));

        var act = () => new ObjectWaiter(source, Tiny).ConditionAsync(Isvc, "Ready", WaitBudgets.Names.InferenceServiceReady,
            TestContext.Current.CancellationToken);

        var error = (await act.Should().ThrowAsync<WaitTimeoutException>()).Which;
        error.BudgetName.Should().Be(WaitBudgets.Names.InferenceServiceReady);
        error.Message.Should().Contain("InferenceService tenant-a/sklearn-iris").And.Contain("Ready=True")
            .And.Contain("Insufficient memory").And.Contain("Warning FailedScheduling").And.Contain("INFERENCEBOX_TIMEOUT_SCALE");
    }

    [Fact]
    public async Task Gone_completes_on_a_deleted_event()
    {
        var source = new FakeSource(Isvc_("True"));
        var wait = new ObjectWaiter(source, new WaitBudgets(1)).GoneAsync(Isvc, WaitBudgets.Names.ObjectDeleted, TestContext.Current.CancellationToken);
        await source.Send(new ObjectChange("DELETED", Isvc_("True")));
        await wait;
    }

    private sealed class FakeSource(JsonNode? initial) : IObjectSource
    {
        private Channel<ObjectChange> _changes = Channel.CreateUnbounded<ObjectChange>();
        public JsonNode? ListResult { get; set; } = initial;
        public List<string> WatchedFrom { get; } = [];
        public int Lists { get; private set; }

        public ValueTask Send(ObjectChange change) => _changes.Writer.WriteAsync(change);
        public void CloseWatch() => _changes.Writer.Complete();

        public Task<(JsonNode? Object, string ResourceVersion)> ListAsync(ObjectRef obj, CancellationToken ct)
        {
            Lists++;
            return Task.FromResult((ListResult?.DeepClone(), "41"));
        }

        public async IAsyncEnumerable<ObjectChange> WatchAsync(ObjectRef obj, string resourceVersion, [EnumeratorCancellation] CancellationToken ct)
        {
            WatchedFrom.Add(resourceVersion);
            var reader = _changes.Reader;
            await foreach (var change in reader.ReadAllAsync(ct)) yield return change;
            _changes = Channel.CreateUnbounded<ObjectChange>();
        }

        public Task<IReadOnlyList<string>> RecentEventsAsync(ObjectRef obj, int max, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(["2026-11-26T23:00:00Z Warning FailedScheduling (x3): 0/1 nodes are available"]);
    }
}
