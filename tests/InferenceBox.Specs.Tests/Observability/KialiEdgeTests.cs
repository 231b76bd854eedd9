using FluentAssertions;
using InferenceBox.Specs.Support.Observability;
using Xunit;

namespace InferenceBox.Specs.Tests.Observability;

/// <summary>
/// Issue 17 item 10: Kiali's graph must show the scenario's requests reaching the predictor WORKLOAD with 2xx answers.
/// Fixtures have the cytoscape shape of kiali/kiali@v2.11.0 graph/config/common/common.go (NodeData, EdgeData,
/// ProtocolTraffic: rates and responses per code) as graph/api/testdata/test_workload_graph.expected shows it.
/// </summary>
public sealed class KialiEdgeTests
{
    [Fact]
    public void Traffic_that_reaches_only_the_predictors_service_node_does_not_count()
    {
        var graph = KialiGraph.Parse(RecordedJson.Read("Observability", "kiali-graph-service-only.json"));

        graph.HasPath(n => n.IsGateway, n => KialiClient.IsModel(n, "tenant-a", "sklearn-iris"))
            .Should().BeFalse("the predictor workload received nothing; only its Service node has an incoming edge");
    }
}
