using System.Net;
using Microsoft.Extensions.Time.Testing;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Tests.Observability;

public sealed class GrafanaAndKialiTests
{
    private static string Fixture(string name) => RecordedJson.Read("Observability", name);

    [Fact]
    public async Task Grafana_dashboard_is_read_by_uid_with_basic_auth_and_404_is_missing()
    {
        var found = new RecordedHandler(HttpStatusCode.OK, Fixture("grafana-dashboard.json"));
        var grafana = new GrafanaClient(new Uri("http://grafana.test"), new HttpClient(found), new NetworkCredential("admin", "s3cret"));
        var dashboard = await grafana.DashboardAsync("inferencebox-model", TestContext.Current.CancellationToken);
        dashboard.Should().Be(new GrafanaDashboard("inferencebox-model", "InferenceBox / Model traffic", Provisioned: true));
        found.Requests.Single().AbsolutePath.Should().Be("/api/dashboards/uid/inferencebox-model");
        found.Messages.Single().Headers.Authorization!.Scheme.Should().Be("Basic");

        var missing = new GrafanaClient(new Uri("http://grafana.test"), new HttpClient(new RecordedHandler(HttpStatusCode.NotFound, """{"message":"Dashboard not found"}""")));
        (await missing.DashboardAsync("nope", TestContext.Current.CancellationToken)).Should().BeNull();
    }

    [Fact]
    public async Task Grafana_datasources_and_their_health_are_parsed_including_an_error()
    {
        GrafanaClient.ParseDatasources(Fixture("grafana-datasources.json")).Should()
            .ContainSingle(d => d.Type == "prometheus").Which.Should().Be(new GrafanaDatasource("prometheus", "Prometheus", "prometheus", true));

        var ok = new RecordedHandler(HttpStatusCode.OK, Fixture("grafana-health-ok.json"));
        var health = await new GrafanaClient(new Uri("http://grafana.test/"), new HttpClient(ok)).DatasourceHealthAsync("prometheus", TestContext.Current.CancellationToken);
        health.Healthy.Should().BeTrue();
        ok.Requests.Single().AbsolutePath.Should().Be("/api/datasources/uid/prometheus/health");

        var bad = new RecordedHandler(HttpStatusCode.BadRequest, Fixture("grafana-health-error.json"));
        var unhealthy = await new GrafanaClient(new Uri("http://grafana.test/"), new HttpClient(bad)).DatasourceHealthAsync("prometheus", TestContext.Current.CancellationToken);
        unhealthy.Healthy.Should().BeFalse();
        unhealthy.Message.Should().Contain("no such host");
    }

    [Fact]
    public void Kiali_graph_nodes_and_directed_paths_are_read()
    {
        var graph = KialiGraph.Parse(Fixture("kiali-graph-tenant-a.json"));
        graph.Nodes.Should().HaveCount(4);
        graph.Nodes.Single(n => n.Namespace == "istio-system").IsGateway.Should().BeTrue();
        graph.HasPath(n => n.IsGateway, n => n.Workload == "sklearn-iris-predictor-00001-deployment").Should().BeTrue();
        graph.HasPath(n => n.Workload == "sklearn-iris-predictor-00001-deployment", n => n.IsGateway).Should().BeFalse("edges are directed");
        KialiGraph.Parse(Fixture("kiali-graph-empty.json")).HasPath(_ => true, _ => true).Should().BeFalse();
    }

    [Theory]
    [InlineData("http://kiali.test:30201", "/kiali/api/namespaces/graph")]
    [InlineData("http://kiali.test:30201/kiali", "/kiali/api/namespaces/graph")]
    public async Task Kiali_graph_query_names_namespaces_type_and_duration_under_the_web_root(string baseUrl, string path)
    {
        var handler = new RecordedHandler(HttpStatusCode.OK, Fixture("kiali-graph-empty.json"));
        var kiali = new KialiClient(new Uri(baseUrl), new HttpClient(handler), new WaitBudgets());
        await kiali.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        var url = handler.Requests.Single();
        url.AbsolutePath.Should().Be(path);
        url.Query.Should().Contain("namespaces=tenant-a").And.Contain("graphType=workload").And.Contain("duration=600s")
            .And.Contain("injectServiceNodes=false", "an edge must go from the calling workload to the predictor workload");
    }

    [Fact]
    public async Task Kiali_wait_times_out_describing_the_edges_it_saw()
    {
        var handler = new RecordedHandler(HttpStatusCode.OK, Fixture("kiali-graph-empty.json"));
        var clock = new FakeTimeProvider();
        var kiali = new KialiClient(new Uri("http://kiali.test"), new HttpClient(handler), new WaitBudgets(1, clock), pollInterval: TimeSpan.FromSeconds(3));
        var wait = kiali.WaitForGatewayPathEdgeAsync("tenant-a", "sklearn-iris", () => TimeSpan.FromSeconds(42), TestContext.Current.CancellationToken);
        await handler.NextRequestAsync();
        clock.Advance(TimeSpan.FromSeconds(3));
        await handler.NextRequestAsync(); // the second look began: the first one's state is recorded
        clock.Advance(new WaitBudgets()[WaitBudgets.Names.ScrapeDelta]);

        (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>()).Which.Message
            .Should().Contain("tenant-a").And.Contain("0 nodes").And.Contain("window 42 s");
    }

    [Fact]
    public void Repo_dashboards_need_uid_and_title()
    {
        var dir = Directory.CreateTempSubdirectory("dash-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.json"), """{"title":"no uid"}""");
            var act = () => RepoDashboards.Load(dir);
            act.Should().Throw<InvalidDataException>().WithMessage("*bad.json*uid*");
            File.WriteAllText(Path.Combine(dir, "bad.json"), """{"uid":"m","title":"Model"}""");
            RepoDashboards.Load(dir).Should().ContainSingle().Which.Uid.Should().Be("m");
        }
        finally { Directory.Delete(dir, true); }
    }
}
