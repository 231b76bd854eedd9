using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Rehearsal;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Cli.Tests;

/// <summary>`status` reads a real API server over HTTP: here the emulator, holding a bare kind cluster's namespaces only.</summary>
public sealed class StatusTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("inferencebox-cli-status-").FullName;
    private ApiServerEmulator? _emulator;

    private string Kubeconfig => Path.Combine(_folder, "kubeconfig");

    public async ValueTask InitializeAsync()
    {
        var settings = SettingsLoader.Load(_ => null, RunPaths.RepositoryRoot());
        _emulator = await ApiServerEmulator.StartAsync(new EmulatorOptions
            {
                Schemas = await EmulatorSchemas.OpenAsync(settings),
                Images = EmulatorImages.From(VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(RunPaths.RepositoryRoot()), VersionLock.FileName))),
            },
            TestContext.Current.CancellationToken);
        RehearsalTools.WriteKubeconfig(Kubeconfig, _emulator.Url);
    }

    [Fact]
    public async Task On_a_bare_cluster_every_phase_is_reported_not_ready_with_what_is_missing_and_the_exit_code_is_1()
    {
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_KUBECONFIG"] = Kubeconfig }, "status");

        result.Error.Should().BeEmpty();
        result.ExitCode.Should().Be(CliApp.Failed);
        result.OutputLines.Should().Contain("  NOT READY  istiod");
        result.Output.Should().Contain("- Deployment istio-system/istiod Available");
        result.OutputLines.Should().Contain(l => l.StartsWith("  unchecked  tenants", StringComparison.Ordinal), "tenants declares no requirement");
        result.OutputLines.Should().NotContain(l => l.StartsWith("  ready ", StringComparison.Ordinal));
        result.Output.Should().Contain("model gateway  https://127.0.0.1:8443/").And.Contain("AI gateway     https://127.0.0.1:8081/")
            .And.Contain("get secret inference-gateway-tls -o jsonpath='{.data.ca\\.crt}' | base64 -d > gateway-ca.pem")
            .And.Contain("curl -s --cacert gateway-ca.pem -K - -d grant_type=client_credentials https://127.0.0.1:8443/issuer/token");
    }

    [Fact]
    public async Task Without_a_kubeconfig_it_says_so_in_one_line_and_exits_1()
    {
        var missing = Path.Combine(_folder, "no-such-kubeconfig");
        var result = await Cli.RunAsync(new Dictionary<string, string> { ["INFERENCEBOX_KUBECONFIG"] = missing }, "status");

        result.ExitCode.Should().Be(CliApp.Failed);
        result.Output.Should().BeEmpty();
        result.ErrorLines.Should().ContainSingle().Which.Should().StartWith(
            $"inferencebox: cannot read the cluster of context {InferenceBoxSettings.KindContext}: ").And.Contain(missing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
