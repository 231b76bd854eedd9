using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

public sealed class QuotaBreakerTests
{
    [Theory]
    [InlineData(3, 2, 2, "2")]   // the tenants' quota (requests.cpu 3) and LimitRange max (cpu 2): 2 x 2 = 4 > 3
    [InlineData(4, 2, 3, "2")]   // exactly divisible: one more replica than fits
    [InlineData(1.5, 0.5, 4, "0.5")]
    public void The_plan_needs_more_than_the_quota_with_no_container_above_the_maximum(double quota, double max, int replicas, string cpu)
    {
        var plan = QuotaBreaker.Plan((decimal)quota, (decimal)max, "2Gi");
        plan.Should().Be(new QuotaAsk(replicas, cpu, "2Gi"));
        (plan.Replicas * (decimal)max).Should().BeGreaterThan((decimal)quota);
    }

    [Fact]
    public void Without_a_maximum_one_container_asks_more_than_the_whole_quota() =>
        QuotaBreaker.Plan(3, null, null).Should().Be(new QuotaAsk(1, "4", "512Mi"));

    [Fact]
    public void The_inference_service_pins_replicas_and_sets_requests_equal_to_limits()
    {
        var isvc = QuotaBreaker.InferenceService("tenant-a", "quota-x-1", new QuotaAsk(2, "2", "2Gi"));
        var predictor = isvc["spec"]!["predictor"]!;
        predictor["minReplicas"]!.GetValue<int>().Should().Be(2);
        predictor["maxReplicas"]!.GetValue<int>().Should().Be(2);
        predictor["model"]!["resources"]!["requests"]!["cpu"]!.GetValue<string>().Should().Be("2");
        predictor["model"]!["resources"]!["limits"]!["memory"]!.GetValue<string>().Should().Be("2Gi");
        ObjectRef.Of(isvc).Should().Be(ObjectRef.InferenceService("tenant-a", "quota-x-1"));
    }
}
