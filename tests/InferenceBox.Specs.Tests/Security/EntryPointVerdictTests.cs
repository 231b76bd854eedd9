using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Security;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>The "only way in" judge on the objects as the API returns them before and after issue 19 item 6.</summary>
public sealed class EntryPointVerdictTests
{
    [Fact]
    public void Only_a_ClusterIP_Service_without_node_ports_is_internal()
    {
        EntryPointVerdict.WhyNotInternal(new ServiceExposure("istio-system", "istio-ingressgateway", "ClusterIP", [])).Should().BeNull();
        EntryPointVerdict.WhyNotInternal(new ServiceExposure("istio-system", "istio-ingressgateway", "NodePort", [31080, 31443]))
            .Should().Contain("NodePort with node ports 31080, 31443");
        EntryPointVerdict.WhyNotInternal(new ServiceExposure("istio-system", "istio-ingressgateway", "LoadBalancer", [30555])).Should().Contain("LoadBalancer");
    }

    [Fact]
    public void A_model_URL_on_the_external_domain_is_named_and_one_without_a_URL_is_not_judged()
    {
        EntryPointVerdict.NotClusterLocal(
        [
            new ModelUrl("tenant-a", "sklearn-iris", "http://sklearn-iris.tenant-a.svc.cluster.local"),
            new ModelUrl("tenant-b", "sklearn-iris", "http://sklearn-iris.tenant-b.example.com"),
            new ModelUrl("tenant-a", "quota-x1", null),
        ]).Should().Equal("tenant-b/sklearn-iris: http://sklearn-iris.tenant-b.example.com");
    }
}
