using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Reading the model gateway's access log: JSON lines in the shape Envoy Gateway v1.4.2 writes
/// (site/content/en/latest/troubleshooting/configuration.md: numbers for response_code, null for empty values),
/// mixed with Envoy's own non-JSON log lines, which are skipped.
/// </summary>
public sealed class GatewayAccessLogTests
{
    private const string Logs = """
        [2026-12-08 10:12:03.001][1][info][upstream] cds: added/updated 4 cluster(s)
        {":authority":"127.0.0.1:8080","response_code":401,"response_code_details":"jwt_authn_access_denied{Jwt_is_missing}","upstream_host":null,"x-request-id":"a1"}
        {"response_code":"403","response_code_details":"rbac_access_denied_matched_policy[none]","upstream_host":"-","x-request-id":"B2"}
        {"start_time":"2026-12-08T10:12:04Z","response_code":200,"response_code_details":"via_upstream","upstream_host":"10.244.0.17:8081","x-request-id":"c3"}
        {"no":"request id"}
        {not json
        """;

    [Fact]
    public void Entries_are_found_by_request_id_and_tell_a_local_answer_from_a_proxied_one()
    {
        GatewayAccessLog.Parse(Logs).Should().HaveCount(3);
        GatewayAccessLog.Find(Logs, "a1")!.Should().Match<GatewayAccessLogEntry>(e => e.ResponseCode == 401 && e.AnsweredLocally);
        GatewayAccessLog.Find(Logs, "b2")!.Should().Match<GatewayAccessLogEntry>(e => e.ResponseCode == 403 && e.AnsweredLocally, "a string code and \"-\" are read too");
        GatewayAccessLog.Find(Logs, "c3")!.AnsweredLocally.Should().BeFalse();
        GatewayAccessLog.Find(Logs, "nope").Should().BeNull();
    }
}
