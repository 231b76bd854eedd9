using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>The one CA the suite trusts: read from PEM and checked, from a file in attach mode, one clear error otherwise.</summary>
public sealed class GatewayCaTests : IDisposable
{
    private readonly TestCa _ca = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-ca-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_PEM_CA_certificate_is_the_trusted_CA()
    {
        var ca = GatewayCa.Parse(_ca.Pem, "ca.crt");

        ca.Certificate.Subject.Should().Be("CN=Test root CA");
        ca.Thumbprint.Should().HaveLength(64);
        ca.ToString().Should().Contain("from ca.crt");
    }

    [Fact]
    public void A_server_certificate_two_certificates_or_no_certificate_is_refused_with_why()
    {
        using var server = _ca.GatewayServer();

        FluentActions.Invoking(() => GatewayCa.Parse(server.ExportCertificatePem(), "tls.crt")).Should().Throw<InvalidDataException>()
            .WithMessage("tls.crt is not the gateway's CA: CN=localhost is not a CA certificate*ca.crt*");
        FluentActions.Invoking(() => GatewayCa.Parse(_ca.Pem + "\n" + _ca.Pem, "bundle.pem")).Should().Throw<InvalidDataException>()
            .WithMessage("*holds 2 certificates; the suite trusts exactly one CA*");
        FluentActions.Invoking(() => GatewayCa.Parse("not pem", "x.pem")).Should().Throw<InvalidDataException>()
            .WithMessage("*holds no PEM certificate*");
    }

    [Fact]
    public void The_CA_file_setting_is_validated_when_read()
    {
        var good = Write("ca.pem", _ca.Pem);
        using var server = _ca.GatewayServer();
        var leaf = Write("tls.crt", server.ExportCertificatePem());

        SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_GATEWAY_CA_FILE"] = good }.GetValueOrDefault).GatewayCaFile.Should().Be(good);
        FluentActions.Invoking(() => SettingsLoader.Load(new Dictionary<string, string> { ["INFERENCEBOX_GATEWAY_CA_FILE"] = leaf }.GetValueOrDefault))
            .Should().Throw<SettingsException>()
            .WithMessage($"Invalid setting INFERENCEBOX_GATEWAY_CA_FILE=\"{leaf}\": allowed values are an existing PEM file holding exactly one CA certificate (CN=localhost is not a CA certificate*");
    }

    [Fact]
    public async Task Attach_mode_without_the_setting_stops_with_one_error_naming_it()
    {
        var source = GatewayCaSources.For(new InferenceBoxSettings { Mode = RunMode.Attach }, cluster: null);

        var error = (await FluentActions.Awaiting(() => source.LoadAsync(TestContext.Current.CancellationToken))
            .Should().ThrowAsync<GatewayCaUnavailableException>()).Which;
        error.Cause.Should().Contain("INFERENCEBOX_GATEWAY_CA_FILE is not set");
        error.Fix.Should().Contain("kubectl -n envoy-gateway-system get secret inference-gateway-tls");
    }

    [Fact]
    public async Task The_setting_wins_in_every_mode()
    {
        var file = Write("ca.pem", _ca.Pem);

        foreach (var mode in new[] { RunMode.Attach, RunMode.Provision })
            (await GatewayCaSources.For(new InferenceBoxSettings { Mode = mode, GatewayCaFile = file }, null).LoadAsync(TestContext.Current.CancellationToken))
                .Source.Should().Be(file);
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
