using InferenceBox.Specs.Support.Observability;

namespace InferenceBox.Specs.Tests.Observability;

/// <summary>
/// How a Kiali graph is read, on a graph in the cytoscape shape of kiali/kiali@v2.11.0 graph/config/common/common.go
/// (responses per code, each with the percentage of the edge's requests per response flag; rates as strings), with the
/// values chosen so that each reading rule gives a different number when it is wrong (issue 20).
/// </summary>
public sealed class KialiGraphReadingTests
{
    // 2 rps on the edge: 200s are 50% without a flag and 10% downstream-closed (DC), 301s are 40%.
    private const string Graph = """
        {"elements":{
          "nodes":[
            {"data":{"id":"gw","nodeType":"workload","namespace":"knative-serving","workload":"knative-local-gateway"}},
            {"data":{"id":"act","nodeType":"workload","namespace":"knative-serving","workload":"activator"}},
            {"data":{"id":"pred","nodeType":"workload","namespace":"tenant-a","workload":"sklearn-iris-predictor-00001-deployment"}},
            {"data":{"id":"other","nodeType":"workload","namespace":"tenant-a","workload":"unrelated-client"}}],
          "edges":[
            {"data":{"id":"e1","source":"gw","target":"act","traffic":{"protocol":"http","rates":{"http":"2.0"},
              "responses":{"200":{"flags":{"-":"50.0","DC":"10.0"}},"301":{"flags":{"-":"40.0"}}}}}},
            {"data":{"id":"e2","source":"act","target":"pred","traffic":{"protocol":"http","rates":{"http":"1.0"},
              "responses":{"200":{"flags":{"-":"100.0"}}}}}}]}}
        """;

    [Fact]
    public void The_2xx_rate_sums_every_flag_of_every_2xx_code_and_nothing_else()
    {
        var edge = KialiGraph.Parse(Graph).Edges.Single(e => e.Source == "gw");

        edge.Rate.Should().Be(2.0);
        edge.PercentByCode.Should().BeEquivalentTo(new Dictionary<string, double> { ["200"] = 60.0, ["301"] = 40.0 });
        edge.Rate2xx.Should().BeApproximately(1.2, 1e-9, "60% of 2 rps; the 301s are not 2xx");
    }

    [Fact]
    public void A_gateway_workload_is_a_gateway_even_without_Kialis_isGateway_and_others_are_not()
    {
        var graph = KialiGraph.Parse(Graph);

        graph.Node("gw")!.IsGateway.Should().BeTrue();
        graph.Nodes.Where(n => n.Id != "gw").Should().OnlyContain(n => !n.IsGateway);
    }

    [Fact]
    public void A_path_must_end_at_a_node_that_matches_not_at_any_node_reached()
    {
        var graph = KialiGraph.Parse(Graph);

        graph.HasPath(n => n.IsGateway, n => n.Workload == "sklearn-iris-predictor-00001-deployment").Should().BeTrue("gw -> act -> pred");
        graph.HasPath(n => n.IsGateway, n => n.Workload == "unrelated-client").Should().BeFalse("no edge reaches unrelated-client");
    }
}
