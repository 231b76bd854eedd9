using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Apply, get, list, delete through the real KubernetesClient; Status texts as apimachinery's errors.go writes them.</summary>
public sealed class ObjectLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Server_side_apply_creates_then_updates_and_records_the_field_manager()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();

        var created = await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default, labels: {app: x}}\ndata: {a: '1', b: '2'}");
        var updated = await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: '3'}");

        created["metadata"]!["uid"]!.ToString().Should().Be(updated["metadata"]!["uid"]!.ToString());
        long.Parse(updated["metadata"]!["resourceVersion"]!.ToString()).Should().BeGreaterThan(long.Parse(created["metadata"]!["resourceVersion"]!.ToString()));
        updated["data"]!.ToJsonString().Should().Be("""{"a":"3"}""", "apply removes the fields this manager no longer sets");
        updated["metadata"]!["labels"].Should().BeNull();
        var managed = updated["metadata"]!["managedFields"]!.AsArray().Should().ContainSingle().Which!;
        managed["manager"]!.ToString().Should().Be("test");
        managed["operation"]!.ToString().Should().Be("Apply");
        managed["fieldsV1"]!.ToJsonString().Should().Be("""{"f:data":{"f:a":{}}}""");
    }

    [Fact]
    public async Task Another_manager_conflicts_unless_it_forces()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        const string mine = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: '1'}";
        const string theirs = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: '2'}";
        await client.ApplyAsync(api, mine, manager: "first");

        var (code, status) = await Errors.RefusalAsync(() => client.ApplyAsync(api, theirs, force: false, manager: "second"));

        // kubernetes/apimachinery@v0.32.5 pkg/util/managedfields/internal/conflict.go
        code.Should().Be(409);
        status.Text("reason").Should().Be("Conflict");
        status.Text("message").Should().Be("Apply failed with 1 conflict: conflict with \"first\": .data.a");
        status["details"]!["causes"]![0]!["reason"]!.ToString().Should().Be("FieldManagerConflict");
        var forced = await client.ApplyAsync(api, theirs, force: true, manager: "second");
        forced["data"]!["a"]!.ToString().Should().Be("2");
        forced["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.ToString()).Should().Equal("second");
    }

    [Fact]
    public async Task A_missing_object_is_a_NotFound_status()
    {
        await using var api = await Emulators.StartAsync();

        var (code, body) = await Errors.RawRefusalAsync(() => api.CreateClient().AppsV1.ReadNamespacedDeploymentAsync("nope", "default", cancellationToken: Ct));

        code.Should().Be(404);
        body.Should().Be(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"apps","kind":"deployments"},"code":404}""");
    }

    [Fact]
    public async Task Lists_filter_by_namespace_labels_and_name()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: tenant-a, labels: {tier: web}}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, namespace: tenant-a, labels: {tier: db}}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one, namespace: default, labels: {tier: web}}");

        (await client.CoreV1.ListNamespacedConfigMapAsync("tenant-a", cancellationToken: Ct)).Items.Select(c => c.Name()).Should().Equal("one", "two");
        (await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "tier in (web)", cancellationToken: Ct)).Items
            .Select(c => c.Namespace()).Should().BeEquivalentTo(["default", "tenant-a"]);
        (await client.CoreV1.ListNamespacedConfigMapAsync("tenant-a", labelSelector: "tier!=web", cancellationToken: Ct)).Items.Select(c => c.Name()).Should().Equal("two");
        (await client.CoreV1.ListNamespacedConfigMapAsync("tenant-a", fieldSelector: "metadata.name=two", cancellationToken: Ct)).Items.Select(c => c.Name()).Should().Equal("two");
        var (code, status) = await Errors.RefusalAsync(() => client.CoreV1.ListNamespacedConfigMapAsync("tenant-a", fieldSelector: "data.a=1", cancellationToken: Ct));
        code.Should().Be(400);
        status.Text("message").Should().Be("field label not supported: data.a");
    }

    [Fact]
    public async Task Delete_answers_as_the_resource_declares_a_Status_for_ConfigMaps_the_object_for_Pods()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {containers: [{name: c, image: busybox}]}");

        var status = await client.CoreV1.DeleteNamespacedConfigMapAsync("c", "default", cancellationToken: Ct);
        var pod = await client.CoreV1.DeleteNamespacedPodAsync("p", "default", cancellationToken: Ct);

        status.Status.Should().Be("Success");
        status.Details.Name.Should().Be("c");
        status.Details.Kind.Should().Be("configmaps");
        pod.Name().Should().Be("p");
        (await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_namespace_terminates_it_and_removes_what_it_held()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: tenant-a}");

        var (code, body, _) = await api.RawAsync(HttpMethod.Delete, "/api/v1/namespaces/tenant-a");
        code.Should().Be(200);
        JsonNode.Parse(body)!["status"]!["phase"]!.ToString().Should().Be("Terminating");
        await api.SettledAsync(Ct);

        (await client.CoreV1.ListNamespacedConfigMapAsync("tenant-a", cancellationToken: Ct)).Items.Should().BeEmpty();
        (await client.CoreV1.ListNamespaceAsync(cancellationToken: Ct)).Items.Select(n => n.Name()).Should().NotContain("tenant-a");
    }
}
