using System.Net;
using System.Net.Sockets;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>
/// The @tls judges on real handshakes with Kestrel on loopback, certificates made per test: each claim holds where it
/// should, and each can fail (another CA, another name, not TLS at all, no CA loaded).
/// </summary>
public sealed class TlsVerdictTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TlsProbe Probe = new(TimeSpan.FromSeconds(20));
    private readonly TestCa _ca = new("Platform root CA");
    private readonly TestCa _stranger = new("Someone else's CA");

    private GatewayCa Ca => GatewayCa.Parse(_ca.Pem, "the test's CA");

    [Fact]
    public async Task A_client_trusting_the_platform_CA_verifies_the_chain_and_the_host()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.GatewayServer());

        var handshake = await Probe.WithPlatformCaAsync(server.BaseUrl, GatewayTrust.Of(Ca), Ct);

        TlsVerdict.VerifiesAgainst(handshake, Ca).Should().BeEmpty(handshake.ToString());
        handshake.ChainRootThumbprint.Should().Be(Ca.Thumbprint);
        handshake.Names.Should().BeEquivalentTo(["localhost", "127.0.0.1"]);
        TlsVerdict.RefusedForItsChain(handshake).Should().ContainMatch("the handshake completed*");
        server.Requests.Should().Be(0, "a handshake sends no request");
    }

    [Fact]
    public async Task A_client_with_only_the_machines_trust_store_is_refused_for_the_chain()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.GatewayServer());

        var handshake = await Probe.WithSystemTrustAsync(server.BaseUrl, Ct);

        TlsVerdict.RefusedForItsChain(handshake).Should().BeEmpty(handshake.ToString());
        handshake.Completed.Should().BeFalse();
        TlsVerdict.VerifiesAgainst(handshake, Ca).Should().ContainMatch("the handshake was refused*");
    }

    [Fact]
    public async Task A_gateway_certificate_from_another_CA_is_refused_by_the_trusting_client()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_stranger.GatewayServer());

        var handshake = await Probe.WithPlatformCaAsync(server.BaseUrl, GatewayTrust.Of(Ca), Ct);

        handshake.Completed.Should().BeFalse(handshake.ToString());
        TlsVerdict.VerifiesAgainst(handshake, Ca).Should().Contain(p => p.Contains("not at the platform's CA") || p.Contains("refused"));
        TlsVerdict.RefusedForItsChain(handshake).Should().BeEmpty("the chain has no trusted root");
    }

    [Fact]
    public async Task A_certificate_for_another_host_fails_the_name_check_even_from_the_right_CA()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.Server(["gateway.example.test"], []));

        var handshake = await Probe.WithPlatformCaAsync(server.BaseUrl, GatewayTrust.Of(Ca), Ct);

        handshake.Completed.Should().BeFalse(handshake.ToString());
        handshake.PolicyErrors.Should().HaveFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch);
        TlsVerdict.VerifiesAgainst(handshake, Ca).Should().Contain(p => p.Contains("names gateway.example.test, not 127.0.0.1"));
        TlsVerdict.RefusedForItsChain(handshake).Should().Contain(p => p.Contains("not a chain error"), "a wrong name is not a chain refusal");
    }

    [Fact]
    public async Task A_plain_HTTP_listener_or_a_closed_port_is_not_a_refusal_at_the_handshake()
    {
        await using var plain = await LoopbackTlsServer.StartAsync(certificate: null);
        var tls = new Uri($"https://127.0.0.1:{plain.BaseUrl.Port}");

        var notTls = await Probe.WithSystemTrustAsync(tls, Ct);
        var closed = await Probe.WithSystemTrustAsync(new Uri($"https://127.0.0.1:{ClosedPort()}"), Ct);

        TlsVerdict.RefusedForItsChain(notTls).Should().ContainMatch("no certificate was presented*");
        TlsVerdict.RefusedForItsChain(closed).Should().ContainMatch("no certificate was presented*");
    }

    [Fact]
    public async Task Without_a_CA_every_handshake_is_refused()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.GatewayServer());

        var handshake = await Probe.WithPlatformCaAsync(server.BaseUrl, GatewayTrust.None("dry run"), Ct);

        handshake.Completed.Should().BeFalse("a trust without a CA never falls back to the machine's store");
    }

    [Fact]
    public async Task An_expired_certificate_from_the_right_CA_is_refused()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_ca.Server(["localhost"], ["127.0.0.1"], DateTimeOffset.UtcNow.AddHours(-1)));

        var handshake = await Probe.WithPlatformCaAsync(server.BaseUrl, GatewayTrust.Of(Ca), Ct);

        handshake.Completed.Should().BeFalse(handshake.ToString());
        handshake.ChainStatus.Should().Contain("NotTimeValid");
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _ca.Dispose();
        _stranger.Dispose();
    }
}
