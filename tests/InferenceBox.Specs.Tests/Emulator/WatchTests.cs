using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// Watches as kubernetes/apiserver@v0.32.5 pkg/storage/cacher (cacher.go, watch_cache.go, cache_watcher.go) serves
/// them, seen through the real KubernetesClient 21.0.8 and over plain HTTP.
/// </summary>
public sealed class WatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConfigMap(string name, string labels = "{}", string data = "{}") =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}, namespace: default, labels: {labels}}}\ndata: {data}";

    [Fact]
    public async Task A_watch_from_a_lists_resourceVersion_sees_every_later_change_in_order()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: Ct);
        var seen = new List<(WatchEventType Type, string Name, string Data)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var watching = Task.Run(async () =>
        {
            await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.ResourceVersion(), cancellationToken: stop.Token))
            {
                seen.Add((type, cm.Name(), cm.Data?["k"] ?? ""));
                if (seen.Count == 3) return;
            }
        }, Ct);
        await client.ApplyAsync(api, ConfigMap("c", data: "{k: one}"));
        await client.ApplyAsync(api, ConfigMap("c", data: "{k: two}"));
        await client.CoreV1.DeleteNamespacedConfigMapAsync("c", "default", cancellationToken: Ct);
        await watching.WaitAsync(Ct);

        seen.Should().Equal((WatchEventType.Added, "c", "one"), (WatchEventType.Modified, "c", "two"), (WatchEventType.Deleted, "c", "two"));
    }

    [Fact]
    public async Task Without_a_resourceVersion_a_watch_starts_with_the_current_objects()
    {
        await using var api = await Emulators.StartAsync();
        await api.CreateClient().ApplyAsync(api, ConfigMap("existing"));

        await using var watch = await RawWatch.OpenAsync(api, "/api/v1/namespaces/default/configmaps?watch=true");

        var first = await watch.NextAsync();
        first!["type"]!.ToString().Should().Be("ADDED");
        first["object"]!["metadata"]!["name"]!.ToString().Should().Be("existing");
    }

    [Fact]
    public async Task An_object_leaving_the_label_selector_arrives_as_DELETED()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, ConfigMap("c", "{tier: web}"));
        var rv = (await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: Ct)).ResourceVersion();

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&labelSelector=tier%3Dweb&resourceVersion={rv}");
        await client.ApplyAsync(api, ConfigMap("c", "{tier: db}"));

        var e = await watch.NextAsync();
        e!["type"]!.ToString().Should().Be("DELETED");
        e["object"]!["metadata"]!["labels"]!["tier"]!.ToString().Should().Be("web", "the last content that matched, at the new resourceVersion");
        long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.ToString()).Should().BeGreaterThan(long.Parse(rv));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resourceVersion_to_watches_that_allow_them()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
        await using var api = await Emulators.StartAsync(o => o with { Time = clock, BookmarkFrequency = TimeSpan.FromMinutes(1) });
        var rv = api.Store.Revision;

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion={rv}");
        clock.Advance(TimeSpan.FromMinutes(1)); // cacher.go: defaultBookmarkFrequency

        var bookmark = await watch.NextAsync();
        bookmark!["type"]!.ToString().Should().Be("BOOKMARK");
        bookmark["object"]!["kind"]!.ToString().Should().Be("ConfigMap");
        bookmark["object"]!["metadata"]!["resourceVersion"]!.ToString().Should().Be(rv.ToString());
    }

    [Fact]
    public async Task A_watch_from_before_the_window_gets_one_410_Expired_ERROR_event_and_the_stream_ends()
    {
        await using var api = await Emulators.StartAsync(o => o with { WatchCacheLowerBound = 2, WatchCacheUpperBound = 2 });
        var client = api.CreateClient();
        var before = api.Store.Revision;
        for (var i = 0; i < 5; i++) await client.ApplyAsync(api, ConfigMap("c", data: $"{{k: v{i}}}"));

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={before}");
        var error = await watch.NextAsync();
        var end = await watch.NextAsync();

        watch.Status.Should().Be(200, "the watch was accepted; the error comes as an event (cacher.go, newErrWatcher)");
        error!["type"]!.ToString().Should().Be("ERROR");
        var status = error["object"]!;
        status["code"]!.GetValue<int>().Should().Be(410);
        status["reason"]!.ToString().Should().Be("Expired");
        // the window keeps the last 2 of the 5 changes, before+1 .. before+5: oldest kept is before+4
        status["message"]!.ToString().Should().Be($"too old resource version: {before} ({before + 3})");
        end.Should().BeNull();
    }

    [Fact]
    public async Task KubernetesClient_yields_nothing_for_a_410_and_just_ends_the_stream()
    {
        await using var api = await Emulators.StartAsync(o => o with { WatchCacheLowerBound = 2, WatchCacheUpperBound = 2 });
        var client = api.CreateClient();
        var before = api.Store.Revision;
        for (var i = 0; i < 5; i++) await client.ApplyAsync(api, ConfigMap("c", data: $"{{k: v{i}}}"));

        var events = new List<WatchEventType>();
        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: before.ToString(), cancellationToken: Ct))
            events.Add(type);

        // upstream-audit.md: 21.0.8 swallows ERROR events (Watcher.cs, CreateWatchEventEnumerator) when no onError is given
        events.Should().BeEmpty();
    }

    /// <summary>watch_cache_test.go <c>TestMarker</c>: after a re-list at 9, a watch from 8 is too old, from 9 it is not.</summary>
    [Fact]
    public async Task After_the_history_is_forgotten_as_on_a_restart_an_older_resourceVersion_is_too_old()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, ConfigMap("c"));
        var before = api.Store.Revision - 1;
        api.ForgetWatchHistory();

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={before}");

        (await watch.NextAsync())!["object"]!["message"]!.ToString().Should().Be($"too old resource version: {before} ({api.Store.Revision})");
        await using var fromNow = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={api.Store.Revision}");
        await client.ApplyAsync(api, ConfigMap("d"));
        (await fromNow.NextAsync())!["type"]!.ToString().Should().Be("ADDED");
    }

    [Fact]
    public async Task A_resourceVersion_the_server_has_not_reached_in_3_s_is_a_504_Too_large_ERROR()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
        await using var api = await Emulators.StartAsync(o => o with { Time = clock });
        var future = api.Store.Revision + 100;

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={future}");
        clock.Advance(TimeSpan.FromSeconds(3)); // watch_cache.go: blockTimeout

        var status = (await watch.NextAsync())!["object"]!;
        status["code"]!.GetValue<int>().Should().Be(504);
        status["reason"]!.ToString().Should().Be("Timeout");
        status["message"]!.ToString().Should().Be($"Timeout: Too large resource version: {future}, current: {api.Store.Revision}");
        status["details"]!["causes"]![0]!["reason"]!.ToString().Should().Be("ResourceVersionTooLarge");
    }

    [Fact]
    public async Task A_watch_ends_after_its_timeoutSeconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T00:00:00Z"));
        await using var api = await Emulators.StartAsync(o => o with { Time = clock });

        await using var watch = await RawWatch.OpenAsync(api, $"/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=30&resourceVersion={api.Store.Revision}");
        clock.Advance(TimeSpan.FromSeconds(30));

        (await watch.NextAsync()).Should().BeNull();
    }
}
