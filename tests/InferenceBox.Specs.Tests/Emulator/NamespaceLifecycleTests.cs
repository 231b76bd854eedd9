using k8s;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>NamespaceLifecycle admission: kubernetes/apiserver@v0.32.5 pkg/admission/plugin/namespace/lifecycle/admission.go.</summary>
public sealed class NamespaceLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_object_in_a_namespace_nothing_created_is_refused_with_the_namespace_lookups_NotFound()
    {
        await using var api = await Emulators.StartAsync();

        var (code, status) = await Errors.RefusalAsync(() =>
            api.CreateClient().ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: tenant-z}"));

        code.Should().Be(404);
        status.Text("reason").Should().Be("NotFound");
        status.Text("message").Should().Be("namespaces \"tenant-z\" not found");
        api.Requests.All.Last().Layer.Should().Be("admission:NamespaceLifecycle");
    }

    [Fact]
    public async Task Nothing_new_is_created_in_a_terminating_namespace()
    {
        await using var api = await Emulators.StartAsync();
        await api.CreateClient().ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}");
        await api.Objects.SetStatusAsync("v1", "Namespace", null, "tenant-a", new() { ["phase"] = "Terminating" }, Ct);

        var (code, status) = await Errors.RefusalAsync(() =>
            api.CreateClient().ApplyAsync(api, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: tenant-a}"));

        code.Should().Be(403);
        status.Text("message").Should().Be("configmaps \"c\" is forbidden: unable to create new content in namespace tenant-a because it is being terminated");
        status["details"]!["causes"]![0]!["reason"]!.ToString().Should().Be("NamespaceTerminating");
    }

    [Theory]
    [InlineData("default")]
    [InlineData("kube-system")]
    [InlineData("kube-public")]
    public async Task The_immortal_namespaces_may_not_be_deleted(string name)
    {
        await using var api = await Emulators.StartAsync();

        var (code, status) = await Errors.RefusalAsync(() => api.CreateClient().CoreV1.DeleteNamespaceAsync(name, cancellationToken: Ct));

        code.Should().Be(403);
        status.Text("message").Should().Be($"namespaces \"{name}\" is forbidden: this namespace may not be deleted");
    }
}
