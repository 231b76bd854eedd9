using System.Text.Json.Nodes;
using k8s;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// A CRD becomes served when established (kubernetes/apiextensions-apiserver@v0.32.5 pkg/controller/establish/,
/// pkg/apiserver/customresource_handler.go) and stops being served, with its objects, when deleted.
/// </summary>
public sealed class CrdLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_custom_object_before_its_crd_is_a_plain_404_then_served_once_established()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();

        var (before, _, _) = await api.RawAsync(HttpMethod.Get, "/apis/example.com/v1/namespaces/default/widgets");
        await client.ApplyAsync(api, Crds.Widget);
        await api.SettledAsync(Ct);
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com", cancellationToken: Ct);
        var widget = await client.ApplyAsync(api, Crds.WidgetObject("default", "w"));

        before.Should().Be(404);
        crd.Status.Conditions.Should().Contain(c => c.Type == "Established" && c.Status == "True" && c.Reason == "InitialNamesAccepted");
        crd.Status.Conditions.Should().Contain(c => c.Type == "NamesAccepted" && c.Status == "True" && c.Reason == "NoConflicts");
        crd.Status.AcceptedNames.Plural.Should().Be("widgets");
        widget["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task The_status_subresource_separates_status_from_spec_and_generation()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, Crds.Widget);
        await api.SettledAsync(Ct);
        await client.ApplyAsync(api, Crds.WidgetObject("default", "w"));

        var withStatus = await api.Objects.SetStatusAsync("example.com/v1", "Widget", "default", "w", new() { ["ready"] = true }, Ct);
        var respec = await client.ApplyAsync(api, Crds.WidgetObject("default", "w", "{size: 2}"));

        withStatus["metadata"]!["generation"]!.GetValue<long>().Should().Be(1, "a status write is not a new generation");
        respec["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        respec["status"]!["ready"]!.GetValue<bool>().Should().BeTrue("a write to the resource keeps the status");
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_objects_and_stops_serving_it()
    {
        await using var api = await Emulators.StartAsync();
        var client = api.CreateClient();
        await client.ApplyAsync(api, Crds.Widget);
        await api.SettledAsync(Ct);
        await client.ApplyAsync(api, Crds.WidgetObject("default", "w"));

        var deleting = await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com", cancellationToken: Ct);
        await api.SettledAsync(Ct);

        deleting.Should().NotBeNull();
        (await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: Ct)).Items.Should().BeEmpty();
        api.Store.Revision.Should().BeGreaterThan(0);
        (await api.RawAsync(HttpMethod.Get, "/apis/example.com/v1/namespaces/default/widgets")).Status.Should().Be(404);
        api.ControllerFailures.Should().BeEmpty();
    }
}
