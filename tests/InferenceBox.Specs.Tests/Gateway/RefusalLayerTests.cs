using System.Text.Json;
using InferenceBox.Specs.Support.Gateway;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Issue 17 item 1: the gateway's refusals against the same refusals from a tenant sidecar, as recorded in
/// Gateway/Fixtures/refusals.json (each shape names its upstream source there). The judge must tell the layers apart:
/// by jwt_authn's realm for the JWT check, by the gateway's access log for the tenant check.
/// </summary>
public sealed class RefusalLayerTests
{
    private static readonly Uri Called = new("http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict");

    public static TheoryData<string, GatewayCheck> GatewayAnswers => new()
    {
        { "gateway-jwt-missing", GatewayCheck.Jwt }, { "gateway-jwt-invalid", GatewayCheck.Jwt },
        { "gateway-jwt-audience", GatewayCheck.Jwt }, { "gateway-rbac", GatewayCheck.Tenant },
    };

    public static TheoryData<string, GatewayCheck, string> SidecarAnswers => new()
    {
        { "sidecar-jwt-invalid", GatewayCheck.Jwt, "realm \"http://sklearn-iris-predictor.tenant-a.svc.cluster.local/v1/models/sklearn-iris:predict\"" },
        { "sidecar-rbac", GatewayCheck.Tenant, "via_upstream upstream 10.244.0.17:8081" },
    };

    [Theory]
    [MemberData(nameof(GatewayAnswers))]
    public void The_gateways_own_refusal_passes(string name, GatewayCheck check)
    {
        var (exchange, log) = Recorded(name);
        GatewayRefusal.CheckOf(exchange.Body).Should().Be(check);
        GatewayRefusal.Problems(exchange, check, log).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(SidecarAnswers))]
    public void A_sidecars_refusal_is_not_the_gateways(string name, GatewayCheck check, string because)
    {
        var (exchange, log) = Recorded(name);
        GatewayRefusal.CheckOf(exchange.Body).Should().Be(check, "a sidecar runs the same filter and answers the same body");
        GatewayRefusal.Problems(exchange, check, log).Should().ContainSingle().Which.Should().Contain(because);
    }

    [Fact]
    public void A_tenant_check_refusal_without_the_gateways_log_line_is_not_proven()
    {
        var (exchange, _) = Recorded("gateway-rbac");
        GatewayRefusal.Problems(exchange, GatewayCheck.Tenant, null).Should().ContainSingle().Which.Should().Contain("has no line for request id id-gateway-rbac");
    }

    [Fact]
    public void A_log_line_of_another_status_or_with_an_upstream_host_does_not_prove_the_refusal()
    {
        var (exchange, log) = Recorded("gateway-rbac");

        GatewayRefusal.Problems(exchange, GatewayCheck.Tenant, log! with { ResponseCode = 200 }).Should()
            .Equal($"the gateway logged 200 for request id {log.RequestId}, the client got {exchange.StatusCode}");
        GatewayRefusal.Problems(exchange, GatewayCheck.Tenant, log with { UpstreamHost = "10.244.0.17:8081" }).Should()
            .ContainSingle().Which.Should().EndWith("it passed on an answer of its upstream instead of refusing the call itself",
                "rbac_access_denied details with an upstream host is not the gateway's own answer");
    }

    [Fact]
    public void The_reason_is_asserted_a_jwt_answer_is_not_the_tenant_check_and_json_is_the_models()
    {
        var (jwt, _) = Recorded("gateway-jwt-invalid");
        GatewayRefusal.Problems(jwt, GatewayCheck.Tenant, null).Should().Contain(p => p.Contains("the Jwt check's answer, not the Tenant check's"));
        var model = jwt with { Body = "{\"error\": \"unauthorized\"}" };
        GatewayRefusal.Problems(model, GatewayCheck.Jwt, null).Should().Contain(p => p.Contains("JSON"));
        GatewayRefusal.Problems(jwt with { Body = "[\"Jwt is missing\"]" }, GatewayCheck.Jwt, null).Should()
            .Contain("the body is JSON, as the model server answers: \"[\"Jwt is missing\"]\"", "a JSON array is JSON too");
        GatewayRefusal.CheckOf("Forbidden").Should().BeNull();
        GatewayRefusal.CheckOf("RBAC: access denied by the tenant sidecar").Should().BeNull("RBAC's local reply is exactly \"RBAC: access denied\"");
        GatewayRefusal.CheckOf("upstream said: Jwt is missing").Should().BeNull("jwt_authn's status strings start with Jwt, Jwks or Audiences");
    }

    [Fact]
    public void The_expected_realm_is_the_called_url_with_its_path_cut_at_256_like_jwt_authn()
    {
        GatewayRefusal.ExpectedRealm(Called).Should().Be(Called.ToString());
        var longUrl = new Uri("http://127.0.0.1:8080/" + new string('p', 300));
        GatewayRefusal.ExpectedRealm(longUrl).Should().Be("http://127.0.0.1:8080/" + new string('p', 255));
        GatewayRefusal.RealmOf("Bearer realm=\"http://x/y\", error=\"invalid_token\"").Should().Be("http://x/y");
        GatewayRefusal.RealmOf("Basic realm=\"x\"").Should().BeNull();
    }

    internal static (GatewayExchange Exchange, GatewayAccessLogEntry? Log) Recorded(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gateway", "Fixtures", "refusals.json")));
        var answer = json.RootElement.GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
        var requestId = $"id-{name}";
        var exchange = new GatewayExchange("POST", Called, answer.GetProperty("status").GetInt32(),
            answer.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!),
            answer.GetProperty("body").GetString()!, TimeSpan.FromMilliseconds(3), requestId, null);
        var log = answer.TryGetProperty("accessLog", out var line)
            ? GatewayAccessLog.Find("[2026-12-08 10:12:04.1][1][info][main] Envoy's own log line\n" + line.GetString()!.Replace("REQUEST-ID", requestId), requestId)
            : null;
        return (exchange, log);
    }
}
