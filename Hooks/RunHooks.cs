using InferenceBox.ReqnrollXunit;
using InferenceBox.Specs.Support.Gateway.Tls;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Status;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Rehearsal;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Support.Tokens;
using k8s;
using Reqnroll;
using Reqnroll.BoDi;
using Reqnroll.UnitTestProvider;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// The run-wide hook: reads the settings (an invalid value stops the run at once; a misspelt name is warned about),
/// then provisions, reuses or attaches to the platform (or, in a dry run, prints the plan through the same live
/// channel; in a rehearsal, provisions against the API server emulator: <see cref="RehearsalRun"/>), and gives every
/// scenario the run's objects by context injection. A failure here is kept by the runner bridge and reported by every
/// scenario with its real cause (a known one, such as a refused rehearsal, once). What it learns goes into <see cref="RunFacts"/> for the
/// conformance report.
/// </summary>
[Binding]
public sealed class RunHooks
{
    private static RunContext? _run;
    private static Provisioner? _provisioner;
    private static IKubernetes? _kubernetes;
    private static ClusterApi? _api;
    private static TenantTokens? _tenantTokens;
    private static GatewayTrust? _gatewayTrust;
    private static PlatformComponents? _components;
    private static int _failedScenarios;
    private static RunFacts Facts => RunFacts.Current;

    /// <summary>The run and its cluster once the platform is up (null before, and the cluster null in a dry run).</summary>
    internal static (RunContext? Run, ClusterApi? Cluster) Platform => (_run, _api);

    [BeforeTestRun(Order = 0)]
    public static async Task StartPlatformAsync()
    {
        var progress = new LiveProgress(diagnostics: message => Xunit.TestContext.Current?.SendDiagnosticMessage("{0}", message));
        Facts.Progress = progress;
        foreach (var unknown in SettingNames.UnknownInEnvironment())
            progress.Report(new(ProgressKind.Warning, "settings", unknown.ToString()));
        try
        {
            await StartAsync(progress);
        }
        catch (Exception e) when (e is IKnownCause known)
        {
            // The bridge reports every scenario not run and ends no formatter: the report is written here, once.
            if (e is RehearsalFailedException rehearsal) Facts.Provisioning = rehearsal.Report;
            Facts.StartFailure = new StartFailure(known.Cause, known.Fix);
            await WriteStartFailureReportAsync();
            throw new KnownRunStartFailure(known, e);
        }
        catch (ProvisioningFailedException e)
        {
            Facts.Provisioning = e.Report;
            Facts.StartFailure = new StartFailure(e.Message, null);
            await WriteStartFailureReportAsync();
            throw;
        }
    }

    private static async Task StartAsync(LiveProgress progress)
    {
        var settings = SettingsLoader.FromEnvironment();
        var resultsDir = RunPaths.ResultsDir(settings);
        Directory.CreateDirectory(resultsDir);
        _run = new RunContext(settings with { ResultsDir = resultsDir }, progress, RunContext.NewRunId(), resultsDir);
        var rehearse = settings.Mode == RunMode.Rehearse;
        var context = rehearse ? "the API server emulator (in-process)" : settings.KubeContext;
        Facts.Budgets = _run.Budgets;
        Facts.Run = new RunDescription(_run.RunId, settings.Mode.ToString().ToLowerInvariant(), settings.DryRun,
            settings.Profile.ToString().ToLowerInvariant(), context, null, resultsDir);
        _provisioner = new Provisioner(_run, new ProvisionerOptions { ManifestCheck = new SchemaManifestCheck(settings) });
        progress.Report(new(ProgressKind.Info, "run", $"run {_run.RunId}, mode {settings.Mode}, context {context}, results in {resultsDir}"));
        Facts.Plan = _provisioner.Plan();
        if (rehearse)
        {
            // The real provisioner against the API server emulator (it prints the plan); then, as in a dry run, every
            // scenario with its steps bound and no step body run (the bridge's dry run is on in this mode too).
            Facts.Provisioning = await RehearsalRun.RunAsync(_run, null, CancellationToken.None);
            return;
        }
        if (settings.DryRun)
        {
            progress.Report(new(ProgressKind.Plan, "run", "dry run: nothing is provisioned and no step body runs; every step is still bound"));
            _provisioner.PrintPlan();
            return;
        }
        Facts.Provisioning = await _provisioner.ProvisionAsync(CancellationToken.None);
        _kubernetes = _provisioner.Kubernetes;
        _api = _provisioner.Api;
        // The one CA the run trusts for the gateway (issue 13): from the cluster it provisioned, or from the attach setting.
        _gatewayTrust = GatewayTrust.Of(await GatewayCaSources.For(settings, _api).LoadAsync(CancellationToken.None));
        progress.Report(new(ProgressKind.Info, "run", $"the gateway's CA: {_gatewayTrust}"));
        // One token holder for the run: each tenant's token is obtained with its client credentials and reused.
        _tenantTokens = new TenantTokens(new IssuerClient(_run, _gatewayTrust), ClientCredentialSources.For(settings, _kubernetes), TimeProvider.System);
        if (settings.Mode is RunMode.Provision or RunMode.Attach) Facts.Cluster = await ClusterInventory.ReadAsync(_kubernetes);
    }

    private static async Task WriteStartFailureReportAsync()
    {
        var resultsDir = Environment.GetEnvironmentVariable(ResultsFolderPlugin.Variable) ?? RunPaths.ResultsDir(new InferenceBoxSettings());
        Facts.Run ??= new RunDescription(RunContext.NewRunId(), "unknown", false, "unknown", "", null, resultsDir);
        var report = await ReportWriter.BuildAsync(Facts, new RunMessages(), ConformanceFormatter.Suite(), CancellationToken.None);
        var path = Path.Combine(resultsDir, ResultsFolder.ReportJson);
        await ReportWriter.WriteAsync(report, path, CancellationToken.None);
        ReportWriter.Announce(Facts, report, path);
    }

    [BeforeScenario(Order = 0)]
    public static void RegisterRunObjects(IObjectContainer container)
    {
        var run = _run ?? throw new InvalidOperationException("The run hook did not start the run.");
        container.RegisterInstanceAs(run);
        container.RegisterInstanceAs(run.Settings);
        container.RegisterInstanceAs(run.Progress);
        // Keyed as the report keys a pickle: by the scenario's identity (feature, title, example row).
        container.RegisterFactoryAs(c => new ScenarioFacts(Facts, c.Resolve<ScenarioIdentity>().Slug));
        if (_kubernetes is not null) container.RegisterInstanceAs(_kubernetes, dispose: false);
        // A dry run builds every step class from this container, as a real run does; their drivers take a cluster
        // client. This one points nowhere and is never called (no step body runs): building it opens no connection.
        else if (run.Settings.DryRun) container.RegisterInstanceAs<IKubernetes>(DryRunCluster, dispose: false);
        container.RegisterInstanceAs(_api ?? DryRunApi, dispose: false);
        // A dry run loads no CA: its trust refuses every handshake, and no step body calls the gateway.
        var trust = _gatewayTrust ??= GatewayTrust.None("dry run: no CA was read");
        container.RegisterInstanceAs(trust, dispose: false);
        // The catalog, read once for the run; a dry run without models/catalog.json still builds every step class.
        if (File.Exists(ModelCatalog.BesideAssembly)) container.RegisterInstanceAs(ModelCatalog.OfRun, dispose: false);
        // The readiness table, derived from the phases' own requirements (built once: it reads manifests/).
        container.RegisterInstanceAs(_components ??= new PlatformComponents(_provisioner!.Phases()), dispose: false);
        var tenantTokens = _tenantTokens ??= new TenantTokens(new IssuerClient(run, trust), ClientCredentialSources.For(run.Settings, _kubernetes), TimeProvider.System);
        container.RegisterInstanceAs(tenantTokens, dispose: false);
        container.RegisterInstanceAs(tenantTokens.Credentials, dispose: false);
        container.RegisterFactoryAs(c => new TokenKit(c.Resolve<RunContext>(), tenantTokens,
            TrustedKey.Resolve(run.Settings, run.Settings.Mode == RunMode.Provision ? _provisioner?.SigningKeyFile : null)));
    }

    /// <summary>Heavy opt-in models run only with INFERENCEBOX_PROFILE=full. A dry run skips them the same way, so the
    /// skip and its reason are exercised and reported as a real run would report them.</summary>
    [BeforeScenario("heavy", Order = 1)]
    public static void SkipHeavyOutsideFullProfile(IUnitTestRuntimeProvider runtime)
    {
        if (_run is { Settings.Profile: not PlatformProfile.Full })
            runtime.TestIgnore("@heavy scenarios run only with INFERENCEBOX_PROFILE=full (they pull large public models).");
    }

    [AfterScenario(Order = int.MaxValue)]
    public static void CountFailure(ScenarioContext scenario)
    {
        if (scenario.ScenarioExecutionStatus is not (ScenarioExecutionStatus.OK or ScenarioExecutionStatus.Skipped))
            Interlocked.Increment(ref _failedScenarios);
    }

    [AfterTestRun]
    public static async Task EndRunAsync()
    {
        if (_provisioner is null || _run is null) return;
        // Teardown applies to a platform that came up; a failed bootstrap is left for inspection (its scenarios
        // never started, so "no failed scenario" must not read as success).
        if (_kubernetes is not null) await _provisioner.OnRunEndAsync(allPassed: _failedScenarios == 0);
        _provisioner.Dispose();
        // The live channel stays open: the conformance formatter announces the report after the last hook.
    }

    private static readonly IKubernetes DryRunCluster = new Kubernetes(new KubernetesClientConfiguration { Host = "https://dry-run.invalid" });
    private static readonly ClusterApi DryRunApi = new(DryRunCluster, new InferenceBox.Platform.Waiting.WaitBudgets());
}
