using InferenceBox.Specs.Support.Reporting;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace InferenceBox.Specs.Tests.Reporting;

/// <summary>
/// The cluster reader through the real KubernetesClient over real HTTP on loopback: an API server's GET /version
/// (the json names of kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/version/types.go, Info) and GET
/// /apis/apps/v1/deployments (a DeploymentList in the client's own wire format).
/// </summary>
public sealed class ClusterInventoryTests : IAsyncLifetime
{
    private WebApplication _api = null!;
    private int _deploymentStatus = StatusCodes.Status200OK;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _api = builder.Build();
        _api.MapGet("/version", () => Results.Text("""
            {"major":"1","minor":"32","gitVersion":"v1.32.5","gitCommit":"9894294ef13a5b32803e3ca2c0d620a088cc84d1",
             "gitTreeState":"clean","buildDate":"2025-05-21T00:00:00Z","goVersion":"go1.23.8","compiler":"gc","platform":"linux/amd64"}
            """, "application/json"));
        _api.MapGet("/apis/apps/v1/deployments", () => _deploymentStatus == StatusCodes.Status200OK
            ? Results.Text(KubernetesJson.Serialize(Deployments()), "application/json")
            : Results.StatusCode(_deploymentStatus));
        await _api.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    private Kubernetes Client() => new(new KubernetesClientConfiguration { Host = _api.Urls.Single() });

    [Fact]
    public async Task A_live_cluster_reports_its_server_version_images_and_chart_labels()
    {
        using var client = Client();

        var seen = await ClusterInventory.ReadAsync(client, TestContext.Current.CancellationToken);

        seen.Read.Should().BeTrue(seen.Note);
        seen.ServerVersion.Should().Be("v1.32.5");
        seen.Images.Should().Equal("docker.io/istio/pilot:1.26.2", "jaegertracing/all-in-one:1.67.0", "kserve/kserve-controller:v0.15.2");
        seen.Charts.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["istiod-1.26.2"] = "istio-system/istiod",
            ["kserve-v0.15.2"] = "kserve/kserve-controller-manager",
        });
    }

    [Fact]
    public async Task A_cluster_that_refuses_the_list_is_reported_as_not_read_with_why()
    {
        _deploymentStatus = StatusCodes.Status403Forbidden;
        using var client = Client();

        var seen = await ClusterInventory.ReadAsync(client, TestContext.Current.CancellationToken);

        seen.Read.Should().BeFalse();
        seen.Note.Should().StartWith("not read: ").And.Contain("Forbidden");
    }

    private static V1DeploymentList Deployments() => new()
    {
        ApiVersion = "apps/v1", Kind = "DeploymentList", Metadata = new V1ListMeta { ResourceVersion = "1" },
        Items =
        [
            Deployment("istio-system", "istiod", "docker.io/istio/pilot:1.26.2", "istiod-1.26.2"),
            Deployment("kserve", "kserve-controller-manager", "kserve/kserve-controller:v0.15.2", "kserve-v0.15.2"),
            Deployment("istio-system", "jaeger", "jaegertracing/all-in-one:1.67.0", null),
        ],
    };

    private static V1Deployment Deployment(string ns, string name, string image, string? chart) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = ns,
            Labels = chart is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [ClusterInventory.ChartLabel] = chart },
        },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector(),
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] } },
        },
    };
}
