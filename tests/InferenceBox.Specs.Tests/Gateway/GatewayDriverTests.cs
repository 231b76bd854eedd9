using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Tests.Gateway;

public sealed class GatewayDriverTests : IAsyncLifetime
{
    private StubGateway _stub = null!;
    // Bearer tokens travel only over HTTPS (issue 13): the token tests call a stub with a certificate of a test CA.
    private readonly Edge.TestCa _ca = new();
    private StubGateway _tlsStub = null!;

    public async ValueTask InitializeAsync()
    {
        _stub = await StubGateway.StartAsync();
        _tlsStub = await StubGateway.StartAsync(_ca.GatewayServer());
    }

    public async ValueTask DisposeAsync()
    {
        await _stub.DisposeAsync();
        await _tlsStub.DisposeAsync();
        _ca.Dispose();
    }

    private readonly ScenarioTimeline _timeline = new();

    private GatewayDriver OverTls() => new(TestRun.For(_tlsStub.BaseUrl), _timeline,
        Support.Gateway.Tls.GatewayTrust.Of(InferenceBox.Platform.Gateway.Tls.GatewayCa.Parse(_ca.Pem, "the test's CA")).HttpClient);

    [Theory]
    [InlineData(200)] [InlineData(401)] [InlineData(403)] [InlineData(404)] [InlineData(429)] [InlineData(500)] [InlineData(503)]
    public async Task Status_codes_pass_through_and_are_sent_exactly_once(int code)
    {
        var driver = new GatewayDriver(TestRun.For(_stub.BaseUrl), _timeline);

        var exchange = await driver.SendAsync(HttpMethod.Get, $"/status/{code}", bearerToken: null, ct: TestContext.Current.CancellationToken);

        exchange.StatusCode.Should().Be(code);
        exchange.Body.Should().Be($"status {code}");
        _stub.HitsOn($"/status/{code}").Should().Be(1, "an HTTP answer, 4xx and 5xx included, is never retried");
    }

    [Fact]
    public async Task A_local_rate_limit_429_keeps_the_body_and_content_type_that_identify_it()
    {
        var exchange = await new GatewayDriver(TestRun.For(_stub.BaseUrl), _timeline)
            .SendAsync(HttpMethod.Get, "/local-rate-limit", null, ct: TestContext.Current.CancellationToken);

        exchange.StatusCode.Should().Be(429);
        LocalRateLimitAnswer.WhyNot(exchange).Should().BeNull("the driver keeps the body and the content headers the judge reads");
        _stub.HitsOn("/local-rate-limit").Should().Be(1, "a 429 is an answer, never retried");
    }

    [Fact]
    public async Task Transport_faults_are_retried_within_budget_and_recorded_on_the_timeline()
    {
        var flaky = new FlakyTransport(failures: 2, new SocketsHttpHandler());
        var timeline = new ScenarioTimeline();
        var driver = new GatewayDriver(TestRun.For(_stub.BaseUrl), timeline, new HttpClient(flaky));

        var exchange = await driver.SendAsync(HttpMethod.Post, "/echo", null, new StringContent("{\"same\":\"body\"}", Encoding.UTF8, "application/json"),
            ct: TestContext.Current.CancellationToken);

        exchange.StatusCode.Should().Be(200);
        exchange.Body.Should().Be("{\"same\":\"body\"}", "every attempt sends the same buffered body");
        flaky.Attempts.Should().Be(3);
        _stub.HitsOn("/echo").Should().Be(1);
        timeline.Entries.Where(e => e.What.StartsWith("retry")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_port_that_refuses_every_connection_ends_in_GatewayUnreachable_after_the_retries()
    {
        var refusing = new FlakyTransport(failures: 0, new SocketsHttpHandler());
        var driver = new GatewayDriver(TestRun.For(new Uri($"http://127.0.0.1:{ClosedPort()}")), _timeline, new HttpClient(refusing));

        var act = () => driver.SendAsync(HttpMethod.Get, "/anything", null, ct: TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<GatewayUnreachableException>()).WithMessage("*no HTTP answer*INFERENCEBOX_GATEWAY_URL*");
        refusing.Attempts.Should().Be(1 + TransportRetry.MaxRetries);
        _timeline.Exchanges.Should().BeEmpty();
        _timeline.Entries.Should().ContainSingle(e => e.What.Contains("no answer after retries"), "the timeline says the call got no answer");
    }

    [Fact]
    public void Only_faults_without_an_HTTP_status_count_as_transport_faults()
    {
        TransportRetry.IsTransportFault(new HttpRequestException("refused")).Should().BeTrue();
        TransportRetry.IsTransportFault(new HttpRequestException("bad", null, HttpStatusCode.BadGateway)).Should().BeFalse();
        TransportRetry.IsTransportFault(new SocketException(104)).Should().BeTrue();
        TransportRetry.IsTransportFault(new InvalidOperationException()).Should().BeFalse();
    }

    [Fact]
    public async Task The_exchange_record_is_complete_and_holds_claims_but_never_the_raw_token()
    {
        var token = Token(new Dictionary<string, object> { ["tenant"] = "tenant-a", ["sub"] = "alice", ["aud"] = "inference-in-a-box" });
        var driver = OverTls();

        var exchange = await driver.SendAsync(HttpMethod.Post, "/echo", token, new StringContent("{}", Encoding.UTF8, "application/json"),
            new Dictionary<string, string> { ["x-request-id"] = "req-123" }, TestContext.Current.CancellationToken);

        _tlsStub.SeenAuthorization.Should().Contain("Bearer " + token, "the token is sent");
        exchange.Method.Should().Be("POST");
        exchange.Url.Should().Be(new Uri(_tlsStub.BaseUrl, "/echo"));
        exchange.StatusCode.Should().Be(200);
        exchange.Headers.Should().ContainKey("content-type");
        exchange.Body.Should().Be("{}");
        exchange.Latency.Should().BePositive();
        exchange.RequestId.Should().Be("req-123");
        exchange.TokenClaims.Should().Contain("tenant", "tenant-a").And.Contain("sub", "alice");
        var serialized = JsonSerializer.Serialize(exchange) + JsonSerializer.Serialize(_timeline.Exchanges) + JsonSerializer.Serialize(_timeline.Entries);
        serialized.Should().NotContain(token).And.NotContain(token.Split('.')[2]);
    }

    [Fact]
    public async Task Every_exchange_shows_in_the_scenario_timeline_with_the_token_claims_and_never_the_token()
    {
        var token = Token(new Dictionary<string, object> { ["tenant"] = "tenant-b", ["sub"] = "bob" });

        var exchange = await OverTls().SendAsync(HttpMethod.Post, "/echo", token, new StringContent("{}", Encoding.UTF8, "application/json"),
            new Dictionary<string, string> { ["x-request-id"] = "req-timeline" }, TestContext.Current.CancellationToken);

        _timeline.Exchanges.Should().ContainSingle().Which.Should().BeSameAs(exchange);
        _timeline.ExchangesOf(GatewayDriver.TimelineName).Should().ContainSingle();
        var entry = _timeline.Entries.Should().ContainSingle(e => e.Driver == GatewayDriver.TimelineName).Subject;
        entry.What.Should().Contain("POST /echo -> 200").And.Contain("req-timeline").And.Contain("tenant=tenant-b").And.Contain("sub=bob");
        entry.What.Should().NotContain(token.Split('.')[1]).And.NotContain(token.Split('.')[2]);
    }

    [Fact]
    public async Task A_token_a_client_puts_in_the_query_is_sent_but_never_shows_in_the_timeline()
    {
        var token = Token(new Dictionary<string, object> { ["tenant"] = "tenant-a" });

        var exchange = await OverTls().PredictV1WithTokenInQueryAsync("tenant-a", "sklearn-iris", token, [[1.0]], TestContext.Current.CancellationToken);

        exchange.Url.Query.Should().Contain("access_token=", "the client under test really sends it in the query");
        var line = _timeline.Entries.Should().ContainSingle(e => e.Driver == GatewayDriver.TimelineName).Subject.What;
        line.Should().Contain("access_token=" + Redactor.Redacted).And.NotContain(token.Split('.')[2]);
    }

    [Fact]
    public async Task A_request_id_is_set_when_the_caller_gives_none()
    {
        var exchange = await new GatewayDriver(TestRun.For(_stub.BaseUrl), _timeline)
            .SendAsync(HttpMethod.Post, "/echo", null, new StringContent("{}"), ct: TestContext.Current.CancellationToken);

        exchange.RequestId.Should().MatchRegex("^[0-9a-f]{32}$");
        exchange.TokenClaims.Should().BeNull("no token was sent");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("abc.def")]
    [InlineData("eyJhbGciOiJub25lIn0.!!!.x")]
    public async Task A_malformed_token_is_recorded_as_unparseable(string malformed)
    {
        var exchange = await OverTls().SendAsync(HttpMethod.Get, "/status/401", malformed, ct: TestContext.Current.CancellationToken);

        exchange.TokenClaims.Should().Equal(new Dictionary<string, string> { ["token"] = TokenClaims.Unparseable });
        JsonSerializer.Serialize(exchange).Should().NotContain(malformed);
    }

    [Fact]
    public async Task PredictV1_posts_the_instances_to_the_tenant_model_path_and_reads_predictions()
    {
        var exchange = await new GatewayDriver(TestRun.For(_stub.BaseUrl), _timeline)
            .PredictV1Async("tenant-a", "sklearn-iris", null, [[6.8, 2.8, 4.8, 1.4]], ct: TestContext.Current.CancellationToken);

        exchange.Url.AbsolutePath.Should().Be("/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict");
        exchange.StatusCode.Should().Be(404, "the stub has no such route, and a 404 is an answer, not an exception");
    }

    internal static string Token(IDictionary<string, object> claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = claims,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
    });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
