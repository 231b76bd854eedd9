using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// Applying through the one adapter, against the API server emulator (and a real cluster when
/// INFERENCEBOX_TEST_KUBECONTEXT names one): any kind discovery lists, in the order the API server needs.
/// </summary>
public sealed class ClusterApiApplyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<ManifestObject> Manifests(string yaml) => ManifestLoader.Parse(yaml, "test.yaml");

    // Issue 10 items 1 and 2: a namespaced object given before its Namespace, and the kinds the old adapter had no code for.
    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task Objects_given_before_their_Namespace_are_applied_after_it_and_any_kind_discovery_lists_works(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        t.DeleteAfterwards(new ObjectRef("v1", "Namespace", null, t.Namespace));
        var api = t.Api();
        var objects = Manifests($"""
            apiVersion: v1
            kind: ResourceQuota
            metadata: {"{"}name: compute, namespace: {t.Namespace}{"}"}
            spec: {"{"}hard: {"{"}requests.cpu: "4", limits.memory: 8Gi{"}"}{"}"}
            ---
            apiVersion: v1
            kind: LimitRange
            metadata: {"{"}name: containers, namespace: {t.Namespace}{"}"}
            spec: {"{"}limits: [{"{"}type: Container, max: {"{"}memory: 2Gi{"}"}{"}"}]{"}"}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {t.Namespace}{"}"}
            """);

        await api.ApplyAsync(objects, Ct);

        foreach (var o in objects) (await api.ExistsAsync(o, Ct)).Should().BeTrue($"{o.Identity} was applied");
        var quota = await api.GetAsync(new ObjectRef("v1", "ResourceQuota", t.Namespace, "compute"), Ct);
        ((string?)quota!["spec"]!["hard"]!["limits.memory"]).Should().Be("8Gi");
        var patches = t.Requests.Sent.Where(r => r.StartsWith("PATCH", StringComparison.Ordinal)).ToList();
        patches[0].Should().StartWith($"PATCH /api/v1/namespaces/{t.Namespace}?").And.Contain("fieldManager=inferencebox-specs").And.Contain("force=true");
        patches.Skip(1).Should().AllSatisfy(p => p.Should().StartWith($"PATCH /api/v1/namespaces/{t.Namespace}/"));
    }

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_kind_nobody_serves_is_refused_with_kubectls_message_before_anything_is_applied(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var objects = Manifests($"""
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {t.Namespace}{"}"}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {"{"}name: w, namespace: {t.Namespace}{"}"}
            """);

        var act = () => t.Api().ApplyAsync(objects, Ct);

        (await act.Should().ThrowAsync<ApplyFailedException>())
            .WithMessage($"Applying Widget {t.Namespace}/w (test.yaml line 5) failed: no matches for kind \"Widget\" in version \"example.com/v1\"*");
        (await t.Api().ExistsAsync(objects[0], Ct)).Should().BeFalse("nothing is applied when a kind is unknown");
    }

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_custom_object_given_before_its_CRD_is_applied_once_the_CRD_is_established(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var ns = await t.CreateNamespaceAsync();
        var group = $"{t.Namespace}.example.com";
        t.DeleteAfterwards(new ObjectRef("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, $"widgets.{group}"));
        var objects = Manifests($$"""
            apiVersion: {{group}}/v1
            kind: Widget
            metadata: {name: w, namespace: {{ns}}}
            spec: {size: 3}
            ---
            {{Emulator.Crds.WidgetCrd(group)}}
            """);

        await t.Api().ApplyAsync(objects, Ct);

        var widget = await t.Api().GetAsync(new ObjectRef($"{group}/v1", "Widget", ns, "w"), Ct);
        ((long?)widget!["spec"]!["size"]).Should().Be(3);
    }

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task A_refusal_names_the_object_its_file_and_line_and_the_servers_answer(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var missing = "nowhere-" + t.Namespace;
        var objects = Manifests($"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: c, namespace: {missing}{"}"}
            """);

        var act = () => t.Api().ApplyAsync(objects, Ct);

        // NamespaceLifecycle admission (kubernetes/apiserver@v0.32.5 pkg/admission/plugin/namespace/lifecycle/admission.go).
        (await act.Should().ThrowAsync<ApplyFailedException>())
            .WithMessage($"Applying ConfigMap {missing}/c (test.yaml line 1) failed: 404 NotFound: namespaces \"{missing}\" not found");
    }

    [Theory]
    [MemberData(nameof(AdapterTarget.All), MemberType = typeof(AdapterTarget))]
    public async Task Objects_are_read_and_deleted_through_discovery(string target)
    {
        await using var t = await AdapterTarget.StartAsync(target);
        var ns = await t.CreateNamespaceAsync();
        var api = t.Api();
        var stored = await api.ApplyObjectAsync(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
            ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = ns },
            ["data"] = new JsonObject { ["key"] = Convert.ToBase64String("value"u8) },
        }, "test", Ct);

        stored["kind"]!.GetValue<string>().Should().Be("Secret");
        (await api.ReadSecretValueAsync(ns, "s", "key", Ct)).Should().Be("value");
        (await api.DeleteAsync(ObjectRef.Secret(ns, "s"), null, Ct)).Should().BeTrue();
        (await api.DeleteAsync(ObjectRef.Secret(ns, "s"), null, Ct)).Should().BeFalse("it is gone");
        (await api.GetAsync(ObjectRef.Secret(ns, "s"), Ct)).Should().BeNull();
    }
}
