using System.Text;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>
/// The gateway driver and the issuer client over real TLS on loopback: they trust exactly the CA they are given, a
/// refused handshake is reported once and never retried, a bearer token never goes over plain HTTP, and a redirect is
/// an answer, not followed.
/// </summary>
public sealed class GatewayOverTlsTests : IDisposable
{
    private readonly InferenceBox.Specs.Support.Diagnostics.ScenarioTimeline _timeline = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestCa _ca = new();
    private GatewayTrust Trust => GatewayTrust.Of(GatewayCa.Parse(_ca.Pem, "the test's CA"));

    [Fact]
    public async Task A_call_with_a_token_over_https_reaches_a_server_of_the_trusted_CA()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.GatewayServer());
        var driver = new GatewayDriver(TestRun.For(server.BaseUrl), _timeline, Trust.HttpClient);
        var token = GatewayDriverTests.Token(new Dictionary<string, object> { ["tenant"] = "tenant-a" });

        var exchange = await driver.SendAsync(HttpMethod.Post, "/echo", token, new StringContent("{}", Encoding.UTF8, "application/json"), ct: Ct);

        exchange.StatusCode.Should().Be(200);
        server.SeenAuthorization.Should().Contain("Bearer " + token);
        exchange.TokenClaims.Should().Contain("tenant", "tenant-a");
    }

    [Fact]
    public async Task A_server_of_another_CA_is_refused_once_and_never_retried()
    {
        using var stranger = new TestCa("Someone else's CA");
        await using var server = await LoopbackTlsServer.StartAsync(stranger.GatewayServer());
        var driver = new GatewayDriver(TestRun.For(server.BaseUrl), _timeline, Trust.HttpClient);

        var act = () => driver.SendAsync(HttpMethod.Get, "/ok", null, ct: Ct);

        (await act.Should().ThrowAsync<GatewayTlsException>()).WithMessage("*TLS handshake was refused*INFERENCEBOX_GATEWAY_CA_FILE*");
        server.Requests.Should().Be(0);
        _timeline.Exchanges.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bearer_token_is_never_sent_over_plain_HTTP()
    {
        await using var plain = await LoopbackTlsServer.StartAsync(certificate: null);
        var driver = new GatewayDriver(TestRun.For(plain.BaseUrl), _timeline, Trust.HttpClient);

        var act = () => driver.SendAsync(HttpMethod.Get, "/ok", "eyJhbGciOiJSUzI1NiJ9.eyJ0ZW5hbnQiOiJ0ZW5hbnQtYSJ9.c2ln", ct: Ct);

        (await act.Should().ThrowAsync<PlainHttpTokenException>()).WithMessage("*over plain HTTP*INFERENCEBOX_GATEWAY_URL*");
        plain.Requests.Should().Be(0, "the token must not leave the suite");
    }

    [Fact]
    public async Task A_redirect_is_an_answer_and_is_not_followed()
    {
        await using var target = await LoopbackTlsServer.StartAsync(_ca.GatewayServer());
        await using var redirecting = await LoopbackTlsServer.StartAsync(certificate: null, redirectTo: target.BaseUrl);
        var run = TestRun.For(target.BaseUrl);
        var driver = new GatewayDriver(new(run.Settings with { GatewayHttpUrl = redirecting.BaseUrl }, run.Progress, run.RunId, run.ResultsDir), _timeline, Trust.HttpClient);

        var answer = await driver.SendPlainHttpAsync(HttpMethod.Post, "/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict?probe=plain-http", new StringContent("{}"), Ct);

        answer.StatusCode.Should().Be(301);
        target.Requests.Should().Be(0, "the driver does not follow the redirect");
        PlainHttpVerdict.Problems(answer, new Uri(target.BaseUrl, answer.Url.PathAndQuery)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_issuer_client_uses_the_same_trust()
    {
        using var stranger = new TestCa("Someone else's CA");
        await using var server = await LoopbackTlsServer.StartAsync(stranger.GatewayServer());
        using var issuer = IssuerClient.For(new Uri(server.BaseUrl, "/issuer"), TimeSpan.FromSeconds(20), Trust.HttpClient);

        var act = () => issuer.JwksAsync(Ct);

        await act.Should().ThrowAsync<HttpRequestException>();
        server.Requests.Should().Be(0);
    }

    [Fact]
    public void A_refused_handshake_is_not_a_transport_fault_to_retry()
    {
        var refused = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established",
            new System.Security.Authentication.AuthenticationException("The remote certificate is invalid"));

        TransportRetry.IsTransportFault(refused).Should().BeFalse();
        TransportRetry.IsTlsRefusal(refused).Should().BeTrue();
        TransportRetry.IsTransportFault(new HttpRequestException("Connection refused")).Should().BeTrue();
    }

    public void Dispose() => _ca.Dispose();
}
