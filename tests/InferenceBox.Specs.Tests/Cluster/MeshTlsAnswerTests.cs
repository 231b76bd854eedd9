using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// Issue 17 item 5: what a client pod with a sidecar sees when it calls a STRICT predictor's pods, from both layers.
/// The client sidecar's own answer when the handshake fails is Envoy's router local reply "upstream connect error or
/// disconnect/reset before headers. reset reason: connection termination" (envoyproxy/envoy
/// test/extensions/filters/http/grpc_web/grpc_web_filter_integration_test.cc UpstreamDisconnect); the server
/// sidecar's authorization refusal is RBAC's "RBAC: access denied" (source/extensions/filters/http/rbac/rbac_filter.cc).
/// </summary>
public sealed class MeshTlsAnswerTests
{
    private static readonly long[] Expected = [1, 1];

    private static InMeshResult Result(int exit, int? status, string body) => new("curl-abc", exit, status, body, exit == 0 ? "" : "curl: (56) Recv failure");

    [Fact]
    public void The_servers_refusal_and_the_models_prediction_prove_a_completed_handshake()
    {
        MeshTlsAnswer.WhyNot(Result(0, 403, "RBAC: access denied"), Expected).Should().BeNull();
        MeshTlsAnswer.WhyNot(Result(0, 200, "{\"predictions\": [1, 1]}"), Expected).Should().BeNull();
    }

    [Theory]
    [InlineData(0, 503, "upstream connect error or disconnect/reset before headers. reset reason: connection termination", "handshake fails")]
    [InlineData(56, null, "", "no HTTP answer")]
    [InlineData(0, 403, "Forbidden", "not the server sidecar's")]
    [InlineData(0, 200, "{\"predictions\": [2, 2]}", "not the model's")]
    [InlineData(0, 200, "ok", "without the model's prediction")]
    public void Any_other_answer_proves_nothing(int exit, int? status, string body, string reason) =>
        MeshTlsAnswer.WhyNot(Result(exit, status, body), Expected).Should().Contain(reason);
}
