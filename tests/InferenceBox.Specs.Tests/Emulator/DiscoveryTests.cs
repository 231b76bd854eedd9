using System.Net;
using System.Text.Json.Nodes;
using k8s;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// Discovery is generated from the pinned OpenAPI, so kinds no line of the emulator names are served with their
/// real plural, scope and verbs. Expectations are the recorded discovery documents of a real API server that
/// kubernetes/kubernetes keeps in api/discovery/ (written by hack/update-openapi-spec.sh from a running server).
/// </summary>
public sealed class DiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_built_in_kind_the_emulator_never_names_is_served_with_its_real_plural_scope_and_verbs()
    {
        await using var api = await Emulators.StartAsync();

        var list = await api.CreateClient().CustomObjects.GetAPIResourcesAsync("scheduling.k8s.io", "v1", cancellationToken: Ct);

        // kubernetes/kubernetes@78fc8e44 api/discovery/apis__scheduling.k8s.io__v1.json
        var priorityClasses = list.Resources.Should().ContainSingle(r => r.Name == "priorityclasses").Which;
        priorityClasses.Kind.Should().Be("PriorityClass");
        priorityClasses.Namespaced.Should().BeFalse();
        priorityClasses.SingularName.Should().Be("priorityclass");
        priorityClasses.Verbs.Should().Equal("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    [Theory]
    // kubernetes/kubernetes@4d817e79 api/discovery/api__v1.json (recorded; shortNames, categories, storageVersionHash are not in the OpenAPI)
    [InlineData("configmaps", "ConfigMap", true, "create,delete,deletecollection,get,list,patch,update,watch", null)]
    [InlineData("namespaces", "Namespace", false, "create,delete,get,list,patch,update,watch", null)]
    [InlineData("namespaces/finalize", "Namespace", false, "update", null)]
    [InlineData("namespaces/status", "Namespace", false, "get,patch,update", null)]
    [InlineData("limitranges", "LimitRange", true, "create,delete,deletecollection,get,list,patch,update,watch", null)]
    [InlineData("pods/eviction", "Eviction", true, "create", "policy/v1")]
    [InlineData("pods/log", "Pod", true, "get", null)]
    [InlineData("pods/exec", "PodExecOptions", true, "create,get", null)]
    [InlineData("serviceaccounts/token", "TokenRequest", true, "create", "authentication.k8s.io/v1")]
    [InlineData("replicationcontrollers/scale", "Scale", true, "get,patch,update", "autoscaling/v1")]
    [InlineData("resourcequotas/status", "ResourceQuota", true, "get,patch,update", null)]
    public async Task The_core_group_lists_what_a_real_server_lists(string name, string kind, bool namespaced, string verbs, string? groupVersion)
    {
        await using var api = await Emulators.StartAsync();

        var (status, body, _) = await api.RawAsync(HttpMethod.Get, "/api/v1");

        status.Should().Be(200);
        var entry = JsonNode.Parse(body)!["resources"]!.AsArray().Should().ContainSingle(r => r!["name"]!.GetValue<string>() == name).Which!;
        entry["kind"]!.GetValue<string>().Should().Be(kind);
        entry["namespaced"]!.GetValue<bool>().Should().Be(namespaced);
        string.Join(",", entry["verbs"]!.AsArray().Select(v => v!.GetValue<string>())).Should().Be(verbs);
        (entry["group"] is null ? null : $"{entry["group"]}/{entry["version"]}").Should().Be(groupVersion);
    }

    [Fact]
    public async Task Groups_and_versions_come_from_the_pinned_documents_and_established_crds()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken: Ct);
        groups.Groups.Select(g => g.Name).Should().Contain(["apps", "batch", "apiextensions.k8s.io", "rbac.authorization.k8s.io"])
            .And.NotContain("serving.kserve.io");
        groups.Groups.Single(g => g.Name == "autoscaling").PreferredVersion.Version.Should().Be("v2", "only autoscaling/v2 is pinned");

        await client.ApplyAsync(api, Crds.Widget);
        await api.SettledAsync(Ct);

        var after = await client.Apis.GetAPIVersionsAsync(cancellationToken: Ct);
        after.Groups.Single(g => g.Name == "example.com").PreferredVersion.GroupVersion.Should().Be("example.com/v1");
        var widgets = await client.CustomObjects.GetAPIResourcesAsync("example.com", "v1", cancellationToken: Ct);
        widgets.Resources.Select(r => r.Name).Should().Equal("widgets", "widgets/status");
        widgets.Resources[0].ShortNames.Should().Equal("wd");
    }

    [Fact]
    public async Task A_group_nobody_serves_is_goes_plain_404_as_the_real_servers_last_handler_answers()
    {
        await using var api = await Emulators.StartAsync();

        var (status, body, contentType) = await api.RawAsync(HttpMethod.Get, "/apis/serving.kserve.io/v1beta1/namespaces/default/inferenceservices");

        // kubernetes/apiserver@v0.32.5 pkg/util/notfoundhandler/not_found_handler_test.go expects exactly this body
        status.Should().Be((int)HttpStatusCode.NotFound);
        body.TrimEnd('\n').Should().Be("404 page not found");
        contentType.Should().StartWith("text/plain");
    }
}
