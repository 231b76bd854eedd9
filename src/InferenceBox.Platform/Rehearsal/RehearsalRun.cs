using System.Diagnostics;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Provisioning.Preflight;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>How a rehearsal runs; every member has a working default.</summary>
public sealed record RehearsalOptions
{
    /// <summary>The folder holding manifests/ and issuer/ (tests: a temporary copy); default: the repository.</summary>
    public string? RepoRoot { get; init; }

    /// <summary>
    /// Preflight's static validation of manifests/ (schemas and semantic checks), as in a real run. A test turns it off
    /// to show that the API server, and not only the static check, refuses a broken platform.
    /// </summary>
    public bool StaticChecks { get; init; } = true;

    /// <summary>The pinned schemas, already open (tests share one store); default: the settings' folder, opened once per process.</summary>
    public Schemas.SchemaStore? Schemas { get; init; }

    /// <summary>Test seam: wraps the cluster port the phases use (e.g. to replay an older applier's behaviour).</summary>
    public Func<IClusterPort, IClusterPort>? WrapCluster { get; init; }
}

/// <summary>
/// INFERENCEBOX_MODE=rehearse: the real <see cref="Provisioner"/> (every phase, manifests/, the plan, the adapter and
/// its readiness waits) against an in-process <see cref="ApiServerEmulator"/>, with kind, helm, kubectl and docker
/// replaced at the process boundary by <see cref="RehearsalTools"/>. Writes bootstrap.log and provision-report.json as
/// a real run does and ends with one line, "rehearsal: PASSED|FAILED in N s ...". Nothing leaves the process: the
/// kubeconfig and the signing key live in a temporary folder, deleted at the end.
/// </summary>
public static class RehearsalRun
{
    public const string Phase = "rehearsal";

    /// <summary>Runs the rehearsal; throws <see cref="RehearsalFailedException"/> naming the phase, the object and the refusal.</summary>
    public static async Task<ProvisionReport> RunAsync(RunContext run, RehearsalOptions? options, CancellationToken ct)
    {
        options ??= new RehearsalOptions();
        var started = Stopwatch.StartNew();
        var repoRoot = options.RepoRoot ?? RunPaths.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("ibx-rehearsal-").FullName;
        using var log = new BootstrapLog(run.Progress, run.ResultsDir);
        ApiServerEmulator? emulator = null;
        Schemas.SchemaStore? store = null;
        var ledger = new RehearsalLedger(() => CrdOrigins.Of(ManifestFiles.FolderOf(repoRoot), store!));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            // Nothing of the user's: no kubeconfig, no context, no tools or state cache.
            var settings = run.Settings with
            {
                Kubeconfig = Path.Combine(work, "kubeconfig"), KubeContext = InferenceBoxSettings.KindContext,
                ToolsCacheDir = Path.Combine(work, "tools"),
            };
            var schemas = store = options.Schemas ?? await EmulatorSchemas.OpenAsync(settings, ct);
            var rehearsal = new RunContext(settings, log, run.RunId, run.ResultsDir);
            var tools = new RehearsalTools(async token => (emulator = await ApiServerEmulator.StartAsync(new EmulatorOptions
            {
                Schemas = schemas, InferenceServicesBecomeReady = true,
                // The images the pods get are the repository's pins, as the cluster's controllers would pull them.
                Images = EmulatorImages.From(VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(repoRoot), VersionLock.FileName))),
                Sidecars = RehearsalSidecars.OfRepository(repoRoot),
                // A kind v0.29.0 cluster's namespaces: Kubernetes' own, and its storage provisioner's
                // (kubernetes-sigs/kind@v0.29.0 pkg/build/nodeimage/const_storage.go: local-path-storage).
                Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "local-path-storage"],
            }, token)).Url, settings.Kubeconfig!, schemas, log, rehearsal.Budgets, ledger);
            Provisioner? provisioner = null;
            using var _ = provisioner = new Provisioner(rehearsal, new ProvisionerOptions
            {
                RepoRoot = repoRoot, Tools = tools, HostPorts = new Dictionary<int, string>(),
                // The stand-ins have no network: charts and release files are built locally and verified as the real
                // ones are (StandInArtifacts), in this run's own folder.
                Artifacts = StandInArtifacts.Store(Path.Combine(work, "artifacts"), log),
                // Model weights likewise: a stand-in per pin, through the real weights cache (StandInWeights).
                Weights = new StandInWeights(Path.Combine(work, "weights"), rehearsal.Budgets.WeightsDownload),
                ManifestCheck = options.StaticChecks ? new SchemaManifestCheck(_ => Task.FromResult(schemas)) : null,
                Cluster = () => (options.WrapCluster ?? (port => port))(new RehearsalClusterPort(provisioner!.Api, emulator
                    ?? throw new InvalidOperationException("No API server: the cluster phase has not run."), ledger)),
            });
            log.Report(new ProgressEvent(ProgressKind.Plan, Phase,
                "the real provisioner against the API server emulator (in-process, over loopback HTTP); kind, helm, kubectl and docker are stand-ins"));
            provisioner.PrintPlan();
            var report = await ProvisionAsync(provisioner, ledger, log, () => Took(started, cpu), ct);
            log.Report(new ProgressEvent(ProgressKind.Done, Phase,
                $"PASSED in {Took(started, cpu)}: {report.Phases.Count} phases against the API server emulator, " +
                $"{ledger.AppliedCount} objects applied, every readiness wait met"));
            return report;
        }
        finally
        {
            if (emulator is not null) await emulator.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<ProvisionReport> ProvisionAsync(Provisioner provisioner, RehearsalLedger ledger, BootstrapLog log,
        Func<string> took, CancellationToken ct)
    {
        try
        {
            return await provisioner.ProvisionAsync(ct);
        }
        catch (PreflightException e)
        {
            // Preflight's own problems already name the file, the object and the field.
            throw Failed(log, took, new RehearsalFailedException(null,
                [new RehearsalFailure(PreflightRunner.Phase, string.Join(Environment.NewLine + "    ", e.Problems), StaticLayer)], log.Path));
        }
        catch (ProvisioningFailedException e)
        {
            var failures = e.Report.Phases.Where(p => p.Status == PhaseStatus.Failed).Select(p => ledger.RefusalFor(p.Cause) is { } r
                ? new RehearsalFailure(p.Phase, $"{r.Object} ({r.Source}): {r.Answer}", r.Layer)
                : new RehearsalFailure(p.Phase, p.Cause ?? "", "not pinned to an object by the rehearsal (see the cause)")).ToList();
            throw Failed(log, took, new RehearsalFailedException(e.Report, failures, log.Path));
        }
    }

    public const string StaticLayer = "preflight's static validation of manifests/ (schemas and semantic checks), before anything is applied";

    private static RehearsalFailedException Failed(BootstrapLog log, Func<string> took, RehearsalFailedException failure)
    {
        log.Report(new ProgressEvent(ProgressKind.Failed, Phase, $"FAILED in {took()}: {failure.Headline}"));
        return failure;
    }

    /// <summary>
    /// Wall time and the CPU time this process spent meanwhile: on a busy machine the wall time says little, the CPU
    /// time bounds what the rehearsal costs on a dedicated core (it waits on nothing but its own loopback server).
    /// </summary>
    private static string Took(Stopwatch started, TimeSpan cpuBefore) =>
        $"{started.Elapsed.TotalSeconds:0.0}s ({(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:0.0}s of CPU)";
}
