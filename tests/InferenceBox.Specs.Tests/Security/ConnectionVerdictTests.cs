using InferenceBox.Specs.Support.Security;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The judge of the ways-in scenarios on what the client pod's script prints (ClientPods.Parse), for each layer that can
/// stop a call. curl's own words (curl/curl lib/multi.c multi_handle_timeout: "Connection timed out after N milliseconds"
/// while connecting, "Operation timed out after N milliseconds with …" once connected; lib/connect.c "Failed to connect to
/// … Couldn't connect to server" for a refused port); its exit codes from libcurl-errors (7 COULDNT_CONNECT, 28
/// OPERATION_TIMEDOUT, 56 RECV_ERROR).
/// </summary>
public sealed class ConnectionVerdictTests
{
    private static InMeshResult Printed(string curlError, int exit, string code = "000", string body = "") =>
        ClientPods.Parse("curl-x", (curlError.Length > 0 ? curlError + "\n" : "") +
                                   $"{ClientPods.ResultMarker}exit={exit} http_code={code} body_b64={Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body))}\n");

    private static readonly InMeshResult Dropped = Printed("curl: (28) Connection timed out after 5002 milliseconds", 28);

    [Fact]
    public void A_connect_timeout_is_a_dropped_connection() => ConnectionVerdict.WhyNotDropped(Dropped).Should().BeNull();

    [Theory]
    [InlineData("", 0, "200", "{\"status\":\"success\"}", "got HTTP 200")]
    [InlineData("curl: (7) Failed to connect to prometheus-kube-prometheus-prometheus.monitoring.svc.cluster.local port 9090 after 2 ms: Couldn't connect to server", 7, "000", "", "a Service without endpoints")]
    [InlineData("curl: (28) Operation timed out after 15001 milliseconds with 0 bytes received", 28, "000", "", "not while connecting")]
    [InlineData("curl: (56) Recv failure: Connection reset by peer", 56, "000", "", "the connection was reset")]
    [InlineData("curl: (6) Could not resolve host: prometheus", 6, "000", "", "did not resolve")]
    public void Anything_else_is_not_a_drop(string error, int exit, string code, string body, string because) =>
        ConnectionVerdict.WhyNotDropped(Printed(error, exit, code, body)).Should().Contain(because);

    [Fact]
    public void A_reset_before_any_answer_is_a_sidecar_requiring_mutual_tls_and_an_answer_or_a_drop_is_not()
    {
        ConnectionVerdict.WhyNotReset(Printed("curl: (56) Recv failure: Connection reset by peer", 56)).Should().BeNull();
        ConnectionVerdict.WhyNotReset(Printed("", 0, "403", "RBAC: access denied")).Should().Contain("got HTTP 403", "PERMISSIVE lets the activator's policy answer");
        ConnectionVerdict.WhyNotReset(Printed("", 0, "200", "{\"predictions\":[1,1]}")).Should().Contain("got HTTP 200", "no policy at all: the confused deputy serves");
        ConnectionVerdict.WhyNotReset(Dropped).Should().Contain("curl exit 28");
    }
}
