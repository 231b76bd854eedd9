using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Tests.Models;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// The @ab-routing judges on recorded answers: "all of N by the asked version" fails on one misroute, one error or one
/// retried send; the unknown-version refusal must be the body the manifests declare, answered by the gateway itself.
/// </summary>
public sealed class HeaderRoutingVerdictTests
{
    private static ProbeAnswer Answer(string? version, int status = 200, int attempts = 1) =>
        new(new GatewayExchange("POST", new Uri("https://127.0.0.1:8443/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict"), status,
            new Dictionary<string, string>(), "{}", TimeSpan.Zero, "id", null, attempts), version);

    [Fact]
    public void All_of_N_answered_by_the_asked_version_in_one_attempt_passes() =>
        HeaderRoutingVerdict.Problems(Enumerable.Repeat(Answer("v2"), 50).ToList(), "v2", 50).Should().BeEmpty();

    [Fact]
    public void One_misroute_in_fifty_fails_it()
    {
        var answers = Enumerable.Repeat(Answer("v2"), 49).Append(Answer("v1")).ToList();

        HeaderRoutingVerdict.Problems(answers, "v2", 50).Should().ContainSingle().Which.Should().Contain("1 of 50 were not answered by v2").And.Contain("#50");
    }

    [Fact]
    public void An_error_a_retried_send_or_a_short_sample_fails_it()
    {
        HeaderRoutingVerdict.Problems([Answer(null, 404)], "v1", 1).Should().ContainSingle().Which.Should().Contain("error");
        HeaderRoutingVerdict.Problems([Answer("v1", attempts: 2)], "v1", 1).Should().ContainSingle().Which.Should().Contain("after 2 attempts");
        HeaderRoutingVerdict.Problems([Answer("v1")], "v1", 50).Should().ContainSingle().Which.Should().Contain("1 answers were recorded, 50 requests");
    }

    [Fact]
    public void The_declared_refusal_is_read_from_the_repositorys_route()
    {
        var (status, body) = ModelVersionHeader.UnknownVersionAnswer(ManifestFiles.FolderOf(RepoPaths.Root), "tenant-a");

        status.Should().Be(400);
        body.Should().StartWith("unknown x-model-version").And.Contain("v1").And.Contain("v2");
    }

    [Fact]
    public void The_refusal_must_be_the_declared_answer_of_the_gateway_itself()
    {
        var declared = (400, "unknown x-model-version: /tenant-a/sklearn-iris serves v1 or v2\n");
        var refused = new GatewayExchange("POST", new Uri("https://127.0.0.1:8443/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict"), 400,
            new Dictionary<string, string>(), declared.Item2, TimeSpan.Zero, "r1", null);
        var local = new GatewayAccessLogEntry("r1", 400, "direct_response", null, null, "httproute/tenant-a/tenant-a-models/rule/2/match/0", "/x");
        var upstream = local with { ResponseCodeDetails = "via_upstream", UpstreamHost = "10.244.0.7:8080" };

        ModelVersionHeader.RefusalProblems(refused, declared, local).Should().BeEmpty();
        ModelVersionHeader.RefusalProblems(refused, declared, upstream).Should().ContainSingle().Which.Should().Contain("a revision was called");
        ModelVersionHeader.RefusalProblems(refused, declared, null).Should().ContainSingle().Which.Should().Contain("no line for request id r1");
        ModelVersionHeader.RefusalProblems(refused with { StatusCode = 404, Body = "" }, declared, local with { ResponseCode = 404 })
            .Should().ContainSingle().Which.Should().Contain("not the gateway's declared 400");
    }
}
