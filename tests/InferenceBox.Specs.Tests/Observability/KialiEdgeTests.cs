using InferenceBox.Specs.Support.Observability;

namespace InferenceBox.Specs.Tests.Observability;

/// <summary>
/// Issue 17 item 10: Kiali's graph must show the scenario's requests reaching the predictor WORKLOAD from the gateway
/// path, with 2xx answers. Fixtures have the cytoscape shape of kiali/kiali@v2.11.0 graph/config/common/common.go
/// (NodeData, EdgeData, ProtocolTraffic: rates as strings, responses per code with the percentage of the edge's
/// requests per response flag, addEdgeTelemetry) as graph/api/testdata/test_workload_graph.expected shows it.
/// </summary>
public sealed class KialiEdgeTests
{
    [Fact]
    public void Traffic_that_reaches_only_the_predictors_service_node_does_not_count()
    {
        var graph = KialiGraph.Parse(RecordedJson.Read("Observability", "kiali-graph-service-only.json"));

        KialiClient.GatewayPathEdgeInto(graph, "tenant-a", "sklearn-iris")
            .Should().BeNull("the predictor workload received nothing; only its Service node has an incoming edge");
    }

    [Fact]
    public void The_activators_2xx_edge_into_the_predictor_workload_counts_and_error_or_foreign_edges_do_not()
    {
        var graph = KialiGraph.Parse(RecordedJson.Read("Observability", "kiali-graph-gateway-path.json"));

        var edge = KialiClient.GatewayPathEdgeInto(graph, "tenant-a", "sklearn-iris");

        edge.Should().NotBeNull(graph.ToString());
        graph.Node(edge!.Source)!.Workload.Should().Be("activator");
        edge.Rate2xx.Should().BeApproximately(0.21, 1e-9);
        graph.Edges.Single(e => e.Target == edge.Target && graph.Node(e.Source)!.Workload == "istio-ingressgateway").Rate2xx
            .Should().Be(0, "an edge of 503s only has no 2xx rate");
        KialiClient.GatewayPathEdgeInto(graph, "tenant-b", "sklearn-iris").Should().BeNull("the predictor is tenant-a's");
    }

    [Fact]
    public void A_2xx_edge_from_a_workload_off_the_gateway_path_does_not_count()
    {
        var graph = KialiGraph.Parse(RecordedJson.Read("Observability", "kiali-graph-gateway-path.json"));
        var withoutGatewayPath = graph with { Edges = graph.Edges.Where(e => graph.Node(e.Source)!.Namespace == "tenant-a").ToList() };

        KialiClient.GatewayPathEdgeInto(withoutGatewayPath, "tenant-a", "sklearn-iris").Should().BeNull("unrelated-client is not the gateway path");
    }
}
