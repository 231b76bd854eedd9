using System.Net;
using System.Net.Sockets;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class PreflightTests : IDisposable
{
    private readonly PlatformFixture _f = new();

    private PreflightRunner Preflight(IReadOnlyDictionary<int, string>? ports = null, bool clusterExists = false, IManifestCheck? manifests = null) =>
        new(_f.Settings, _f.Tools, new WaitBudgets(), _f.Progress, _f.Settings.Kubeconfig!, _ => Task.FromResult(clusterExists),
            manifests, ManifestFiles.FolderOf(_f.Root), ports ?? new Dictionary<int, string>());

    [Fact]
    public async Task Docker_unreachable_stops_at_once_with_the_attach_hint()
    {
        _f.Tools.DockerInfo = new ToolResult(1, "", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n");
        using var provisioner = _f.Provisioner();

        var act = () => provisioner.ProvisionAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).Which.Problems[0].Should()
            .StartWith("Docker is not reachable (`docker info`: Cannot connect to the Docker daemon")
            .And.EndWith("set INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=<context>.");
        _f.Tools.Commands.Should().Equal("docker info --format {{json .}}");
        File.ReadAllText(Path.Combine(_f.ResultsDir, BootstrapLog.FileName)).Should().Contain("Docker is not reachable");
    }

    [Fact]
    public async Task Too_little_CPU_or_memory_for_the_profile_is_refused()
    {
        _f.Tools.DockerInfo = new ToolResult(0, """{"NCPU":2,"MemTotal":4294967296}""", "");

        var act = () => Preflight().RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage(
            "*Docker offers 2 CPUs and 4.0 GiB memory, but profile 'default' needs at least 4 CPUs and 8 GiB*Settings > Resources*");
    }

    [Fact]
    public async Task A_busy_host_port_is_named_unless_the_cluster_already_owns_it()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var ports = new Dictionary<int, string> { [port] = "gateway" };

        var act = () => Preflight(ports).RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage($"*Host port {port} (gateway) is in use on 127.0.0.1*lsof -i :{port}*");
        await Preflight(ports, clusterExists: true).RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Provision_mode_refuses_another_kube_context()
    {
        _f.Settings = _f.Settings with { KubeContext = "staging" };

        var act = () => Preflight().RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage(
            "*INFERENCEBOX_KUBE_CONTEXT=staging, but provision mode uses Kind cluster inference-in-a-box*INFERENCEBOX_MODE=attach*");
    }

    [Fact]
    public async Task Attach_mode_needs_its_context_in_the_kubeconfig_and_no_Docker()
    {
        _f.Settings = _f.Settings with { Mode = RunMode.Attach, KubeContext = "prod" };
        _f.Tools.DockerInfo = new ToolResult(1, "", "no engine");

        var act = () => Preflight().RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage(
            "*Kube context 'prod' is not in *kubeconfig (it has: kind-inference-in-a-box, staging)*INFERENCEBOX_KUBE_CONTEXT*");
        _f.Tools.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task Invalid_manifests_are_refused_with_their_errors_before_anything_is_applied()
    {
        var check = new StubManifestCheck(new ManifestCheckResult(false, ["manifests/gateway/routes.yaml: HTTPRoute tenant-a/route: /spec/rules/0/backendRefs/0/port: required"]));

        var act = () => Preflight(manifests: check).RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage("*Invalid manifest: manifests/gateway/routes.yaml: HTTPRoute tenant-a/route: /spec/rules/0/backendRefs/0/port*nothing was applied*");
    }

    [Fact]
    public async Task On_a_machine_without_a_Docker_engine_provisioning_fails_within_the_docker_ping_budget()
    {
        var docker = new CliToolRunner(t => t);
        var reachable = await DockerCheck.PingAsync(docker, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)
            .ContinueWith(t => t.IsCompletedSuccessfully && t.Result.Problem is null, TestContext.Current.CancellationToken);
        Assert.SkipWhen(reachable, "Docker is reachable here; this test is about machines without it.");
        var settings = new InferenceBoxSettings { ResultsDir = Path.Combine(_f.Root, "real"), ToolsCacheDir = Path.Combine(_f.Root, "cache", "tools") };
        var tools = new TimedTools(docker);
        using var provisioner = new Provisioner(new RunContext(settings, _f.Progress, "run", settings.ResultsDir), new ProvisionerOptions { Tools = tools });

        var act = () => provisioner.ProvisionAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<PreflightException>()).WithMessage("*Docker is not reachable*INFERENCEBOX_MODE=attach INFERENCEBOX_KUBE_CONTEXT=<context>*");
        // "Within seconds" by construction, not by a stopwatch: the one command run is `docker info`, bounded by the
        // docker-ping budget; nothing is downloaded and no cluster is looked for.
        tools.Calls.Should().Equal(("docker info --format {{json .}}", new WaitBudgets()[WaitBudgets.Names.DockerPing]));
    }

    /// <summary>The real tool runner, recording each command with the time limit it was given.</summary>
    private sealed class TimedTools(IToolRunner inner) : IToolRunner
    {
        public List<(string Command, TimeSpan Timeout)> Calls { get; } = [];

        public Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct, string? standardInput = null)
        {
            Calls.Add(($"{tool} {string.Join(' ', arguments)}", timeout));
            return inner.RunAsync(tool, arguments, timeout, ct, standardInput);
        }
    }

    public void Dispose() => _f.Dispose();

    private sealed class StubManifestCheck(ManifestCheckResult result) : IManifestCheck
    {
        public Task<ManifestCheckResult> CheckAsync(string manifestsDir, CancellationToken ct) => Task.FromResult(result);
    }
}
