using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>
/// The LimitRange checks at their edges, as kubernetes/kubernetes plugin/pkg/admission/limitranger/admission.go (read at
/// 8f672ecf) writes them: minConstraint refuses a request BELOW the minimum, maxConstraint a limit or a request ABOVE
/// the maximum, limitRequestRatioConstraint a ratio ABOVE the maximum; equal values pass. PodLimitFunc checks init
/// containers as it checks containers (issue 20: the edges and the request branch survived a mutation run).
/// </summary>
public sealed class LimitRangeEdgeTests
{
    private static readonly JsonObject Limits = (JsonObject)JsonNode.Parse("""
        {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"l","namespace":"tenant-a"},
         "spec":{"limits":[{"type":"Container","min":{"cpu":"10m"},"max":{"cpu":"2"},"maxLimitRequestRatio":{"cpu":"4"}}]}}
        """)!;

    private static JsonObject Pod(string container, string? init = null) => (JsonObject)JsonNode.Parse(
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"tenant-a"},"spec":{"containers":[""" + container + "]" +
        (init is null ? "" : ""","initContainers":[""" + init + "]") + "}}")!;

    private static string Container(string name, string request, string limit) =>
        new JsonObject
        {
            ["name"] = name,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = request }, ["limits"] = new JsonObject { ["cpu"] = limit } },
        }.ToJsonString();

    [Fact]
    public void Values_exactly_at_the_minimum_the_maximum_and_the_ratio_pass()
    {
        LimitRangeRules.CheckPod(Pod(Container("at-min", "10m", "40m")), Limits).Should().BeEmpty("request = min, ratio = 4");
        LimitRangeRules.CheckPod(Pod(Container("at-max", "500m", "2")), Limits).Should().BeEmpty("limit = max, ratio = 4");
    }

    [Fact]
    public void A_request_above_the_maximum_is_refused_even_when_the_limit_is_within_it()
    {
        LimitRangeRules.CheckPod(Pod(Container("c", "3", "2")), Limits).Should()
            .Equal("maximum cpu usage per Container is 2, but request is 3");
    }

    [Fact]
    public void A_ratio_just_above_the_maximum_is_refused_with_the_provided_ratio()
    {
        LimitRangeRules.CheckPod(Pod(Container("c", "100m", "401m")), Limits).Should()
            .Equal("cpu max limit to request ratio per Container is 4, but provided ratio is 4.010000");
    }

    [Fact]
    public void Init_containers_are_checked_as_containers_are()
    {
        LimitRangeRules.CheckPod(Pod(Container("c", "100m", "200m"), init: Container("init", "5m", "10m")), Limits).Should()
            .Equal("minimum cpu usage per Container is 10m, but request is 5m");
    }
}
