using System.Diagnostics;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Cluster;
using k8s;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// Bootstraps the platform once per run for the run hook: preflight, then (provision) the phase graph or (attach)
/// the check of what is there, then the sweep of earlier runs' leftovers. Also prints the dry-run plan and applies
/// the teardown policy at the end of the run.
/// </summary>
public sealed class Provisioner : IDisposable
{
    public const string ReportFileName = "provision-report.json";
    private readonly RunContext _run;
    private readonly ProvisionerOptions _options;
    private readonly string _repoRoot;
    private readonly Lazy<IKubernetes> _kubernetes;
    private readonly Lazy<ClusterApi> _api;
    private readonly HttpClient _http;
    private ProvisionTools? _tools;

    public Provisioner(RunContext run, ProvisionerOptions? options = null)
    {
        _run = run;
        _options = options ?? new ProvisionerOptions();
        _repoRoot = _options.RepoRoot ?? RunPaths.RepositoryRoot();
        _http = _options.Http ?? new HttpClient();
        _kubernetes = new(() => KubeClientFactory.Create(Settings.Kubeconfig, Settings.KubeContext));
        _api = new(() => new ClusterApi(_kubernetes.Value, _run.Budgets, _options.Clock));
    }

    private InferenceBoxSettings Settings => _run.Settings;
    private string ManifestsDir => ManifestFiles.FolderOf(_repoRoot);
    private string StateDir => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Settings.ToolsCacheDir))!, "state");
    private string ArtifactsDir => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Settings.ToolsCacheDir))!, "artifacts");

    /// <summary>The client for the chosen context; register it as k8s.IKubernetes once ProvisionAsync succeeded.</summary>
    public IKubernetes Kubernetes => _kubernetes.Value;

    /// <summary>The one Kubernetes adapter on that client, for the drivers (the phases use the same).</summary>
    public ClusterApi Api => _api.Value;

    /// <summary>The issuer's private key (PEM, 0600): the trusted key for forged negative tokens (provision mode).</summary>
    public string SigningKeyFile => Context(new VersionLock(), NullTools.Instance).SigningKeyFile;

    public async Task<ProvisionReport> ProvisionAsync(CancellationToken ct)
    {
        // A run that reports to the bootstrap log already (a rehearsal writes its own lines there too) is not logged twice.
        using var ownLog = _run.Progress is BootstrapLog ? null : new BootstrapLog(_run.Progress, _run.ResultsDir);
        var log = ownLog ?? (BootstrapLog)_run.Progress;
        var started = Stopwatch.StartNew();
        var (versionLock, lockProblem) = LoadLock();
        _tools ??= ProvisionTools.Create(versionLock, Settings.ToolsCacheDir, _http, _run.Budgets);
        var tools = _options.Tools ?? new CliToolRunner(_tools.PathOf, Settings.KubeContext, Settings.Kubeconfig, _repoRoot);
        var artifacts = _options.Artifacts ?? new Artifacts.ArtifactStore(ArtifactsDir,
            new Artifacts.DownloadSource(tools, _http, _run.Budgets.ToolDownload), log);
        var context = Context(versionLock, tools, log) with { Artifacts = artifacts };
        var phases = PlatformPhases.All(context, _options.Clock);

        // Docker is pinged before anything else, so a machine without it fails in seconds.
        await new PreflightRunner(Settings, tools, _run.Budgets, log, KubeClientFactory.KubeconfigPath(Settings.Kubeconfig),
            async token =>
            {
                if (lockProblem is not null) return false;
                if (_options.Tools is null) await _tools.ResolveAllAsync(token);
                return await ClusterPhase.ExistsAsync(tools, _run.Budgets, token);
            },
            _options.ManifestCheck, ManifestsDir, _options.HostPorts, lockProblem is null ? [] : [lockProblem]).RunAsync(ct);

        IReadOnlyList<PhaseOutcome> outcomes = [];
        var problems = new List<string>();
        if (Settings.Mode == RunMode.Attach)
            problems.AddRange((await AttachCheck.MissingAsync(phases.Where(p => p is not ClusterPhase), context.Cluster, ct))
                .Select(m => "missing: " + m));
        else
            outcomes = await new PhaseExecutor(log, _options.Clock).RunAsync(new PhasePlan(phases), ct);

        var swept = problems.Count == 0 && outcomes.All(o => o.Succeeded)
            ? await LeftoverSweep.SweepAsync(context.Cluster, _run.RunId, log, ct) : 0;
        var report = ProvisionReport.From(Settings.Mode.ToString().ToLowerInvariant(), Settings.KubeContext, outcomes, started.Elapsed, problems, swept);
        await File.WriteAllTextAsync(Path.Combine(_run.ResultsDir, ReportFileName), report.ToJson(), ct);
        if (!report.Succeeded) throw new ProvisioningFailedException(report, log.Path);
        return report;
    }

    private (VersionLock Lock, string? Problem) LoadLock()
    {
        try { return (VersionLock.Load(Path.Combine(ManifestsDir, "versions.yaml")), null); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { return (new VersionLock(), e.Message); }
    }

    /// <summary>Dry run: the plan (waves, dependencies, budgets) and the cold critical path, through the live channel.</summary>
    public void PrintPlan()
    {
        var (_, problem) = LoadLock();
        if (problem is not null) _run.Progress.Report(new(Progress.ProgressKind.Info, PlanPrinter.Phase, problem));
        PlanPrinter.Print(Plan(), _run.Progress, name => _run.Budgets[name]);
    }

    /// <summary>The phase plan of this platform (for the conformance report's critical path); runs nothing.</summary>
    public PhasePlan Plan() => new(Phases());

    /// <summary>The phases of this platform, each with its readiness requirements (the readiness table derives from them); runs nothing.</summary>
    public IReadOnlyList<PlatformPhase> Phases() => PlatformPhases.All(Context(LoadLock().Lock, NullTools.Instance));

    /// <summary>
    /// Each phase's requirements probed on the live cluster, phase by phase (attach mode's check; `inferencebox status`):
    /// empty problems for a healthy phase. Installs nothing, runs no tool.
    /// </summary>
    public async Task<IReadOnlyList<PhaseHealth>> StatusAsync(CancellationToken ct)
    {
        var context = Context(LoadLock().Lock, NullTools.Instance);
        var status = new List<PhaseHealth>();
        foreach (var phase in PlatformPhases.All(context).Where(p => p is not ClusterPhase))
            status.Add(new(phase.Name, phase.Requirements.Count, await AttachCheck.ProblemsAsync(phase, context.Cluster, ct)));
        return status;
    }

    /// <summary>The teardown policy: keep (default), delete, or delete-on-success. Attach mode never deletes.</summary>
    public async Task OnRunEndAsync(bool allPassed, CancellationToken ct = default)
    {
        var delete = Settings.Mode == RunMode.Provision &&
                     (Settings.Teardown == TeardownPolicy.Delete || (Settings.Teardown == TeardownPolicy.DeleteOnSuccess && allPassed));
        if (!delete)
        {
            _run.Progress.Report(new(Progress.ProgressKind.Info, "teardown", $"keeping cluster (policy {Settings.Teardown}, all passed: {allPassed})"));
            return;
        }
        var tools = _options.Tools ?? new CliToolRunner(_ => _tools?.PathOf("kind") ?? "kind");
        await tools.RunCheckedAsync("kind", ["delete", "cluster", "--name", InferenceBoxSettings.ClusterName], _run.Budgets.ClusterCreate, ct);
        _run.Progress.Report(new(Progress.ProgressKind.Done, "teardown", $"deleted Kind cluster {InferenceBoxSettings.ClusterName}"));
    }

    private ProvisionContext Context(VersionLock versionLock, IToolRunner tools, Progress.IProgressChannel? progress = null) => new(Settings,
        versionLock, tools, new LazyClusterPort(_options.Cluster ?? (() => Api)), _run.Budgets, _repoRoot, StateDir, progress, Weights: Weights);

    /// <summary>The pinned model weights' host cache: &lt;cache&gt;/weights, a sibling of the tools cache like the state folder.</summary>
    private Models.IModelWeights Weights => _options.Weights ?? new Models.WeightsCache(
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Settings.ToolsCacheDir))!, "weights"), _http, _run.Budgets.WeightsDownload);

    public void Dispose()
    {
        if (_options.Http is null) _http.Dispose();
        if (_kubernetes.IsValueCreated) _kubernetes.Value.Dispose();
    }

    private sealed class NullTools : IToolRunner
    {
        public static readonly NullTools Instance = new();
        public Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct, string? standardInput = null) =>
            throw new InvalidOperationException("The plan does not run tools.");
    }
}

/// <summary>One phase on the live cluster: how many readiness requirements it declares, and what of them is not met.</summary>
public sealed record PhaseHealth(string Phase, int Requirements, IReadOnlyList<string> Problems);

/// <summary>Provisioning did not bring the platform up: the report says which phases failed and why.</summary>
public sealed class ProvisioningFailedException(ProvisionReport report, string logPath)
    : Exception($"Provisioning ({report.Mode}, context {report.KubeContext}) failed:{Environment.NewLine}{report.FailureSummary()}" +
                $"{Environment.NewLine}Bootstrap log: {logPath}")
{
    public ProvisionReport Report { get; } = report;
}
