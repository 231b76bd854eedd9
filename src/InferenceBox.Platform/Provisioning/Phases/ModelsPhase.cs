using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The tenants' InferenceServices (manifests/inference/&lt;tenant&gt;; extras only in the full profile; canary is the
/// canary scenario's). Until KServe's admission webhook really serves, the API server cannot call it; those
/// transient faults, and only those, are retried within the webhook budget (see <see cref="IsWebhookNotReady"/>).
/// Before that, every local artifact of models/catalog.json is compared with the catalog's SHA-256 (issue 19 item 12):
/// Kind mounts models/ into the node, and sklearnserver unpickles what it finds there, checking nothing. No storage
/// initializer runs in between: with the chart's enableDirectPvcVolumeMount: true, KServe mounts a pvc:// URI straight
/// into the predictor (kserve/kserve@v0.15.2 pkg/webhook/admission/pod/storage_initializer_injector.go:283-336,
/// charts/kserve-resources/templates/configmap.yaml:658). So this check is the last one: a file changed on the host after
/// it is loaded unchecked at the predictor's next start.
/// </summary>
public sealed class ModelsPhase(ProvisionContext context, TimeProvider? clock = null, params string[] dependsOn)
    : ManifestPhase(context, "models", [], 90, [], dependsOn, WaitBudgets.Names.InferenceServiceReady)
{
    private static readonly string[] NotDefault = ["canary", "extras"];

    public override IReadOnlyList<Readiness> Requirements => Objects()
        .Where(o => o.Kind == "InferenceService")
        .Select(o => (Readiness)new InferenceServiceReady(o.Namespace ?? "default", o.Name!)).ToList();

    protected override IReadOnlyList<ManifestObject> Objects()
    {
        var root = Context.Manifests("inference");
        if (!Directory.Exists(root)) return [];
        var folders = Directory.EnumerateDirectories(root).Select(Path.GetFileName).Where(d => !NotDefault.Contains(d)).Order(StringComparer.Ordinal).ToList();
        if (Context.Settings.Profile == PlatformProfile.Full) folders.Add("extras");
        return folders.SelectMany(f => ManifestLoader.Folder(Context.ManifestsDir, $"inference/{f}")).ToList();
    }

    protected override async Task InstallAsync(CancellationToken ct)
    {
        VerifyArtifacts();
        var budget = Context.Budgets.WebhookEndpoints;
        string? lastFault = null;
        try
        {
            await WebhookRetry(budget, clock).ExecuteAsync(async token =>
            {
                try { await ApplyAsync(Objects(), token); }
                catch (Exception e) when (IsWebhookNotReady(e)) { lastFault = e.Message; throw; }
            }, ct);
        }
        catch (TimeoutRejectedException)
        {
            throw new WaitTimeoutException("KServe's admission webhook to accept the InferenceServices",
                WaitBudgets.Names.WebhookEndpoints, budget, lastFault ?? "no answer");
        }
    }

    /// <summary>
    /// Every pvc:// model of the catalog (the canary's v2 too, which a scenario applies later) has the artifact the catalog
    /// names; an InferenceService that loads from the models volume must be in the catalog.
    /// </summary>
    private void VerifyArtifacts()
    {
        var file = Path.Combine(Context.RepoRoot, Models.ModelCatalog.RelativePath);
        var fromVolume = Objects().Where(o => o.Kind == "InferenceService")
            .Select(o => (o, Uri: o.Body["spec"]?["predictor"]?["model"]?["storageUri"]?.ToString()))
            .Where(x => x.Uri?.StartsWith(Models.CatalogModel.PvcPrefix, StringComparison.Ordinal) == true).ToList();
        if (!File.Exists(file) && fromVolume.Count == 0) return;
        var catalog = Models.ModelCatalog.Load(file);
        foreach (var model in catalog.Models.Where(m => m.IsLocal))
        {
            catalog.VerifiedArtifact(model);
            Context.Progress?.Report(new Progress.ProgressEvent(Progress.ProgressKind.Info, Name, $"{model.Id}: artifact SHA-256 {model.Sha256} verified"));
        }
        foreach (var (o, uri) in fromVolume.Where(x => catalog.Models.All(m => m.StorageUri != x.Uri)))
            throw new Models.ModelCatalogException(file, null, null, $"has no entry for {uri}, which {o.Identity} ({o.Where}) loads",
                "Add the model to the catalog (models/generate.py), so its artifact's SHA-256 is checked before it is served");
    }

    /// <summary>
    /// The API server could not call the webhook yet (kubernetes staging/src/k8s.io/apiserver/pkg/util/webhook/error.go,
    /// <c>ErrCallingWebhook</c>: "failed calling webhook %q: %v"), because: the Service has no ready endpoint yet
    /// (staging/src/k8s.io/apiserver/pkg/util/proxy/proxy.go, "no endpoints available for service %q"); the endpoint
    /// is ready before the webhook server listens (Go's dialer: "connect: connection refused"); or cert-manager's
    /// cainjector has not yet put the CA into the webhook configuration (Go's crypto/x509: "x509: certificate signed
    /// by unknown authority", or another x509 verification error).
    /// </summary>
    public static bool IsWebhookNotReady(Exception e)
    {
        var text = e.ToString();
        bool Has(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        return Has("no endpoints available for service")
               || ((Has("failed calling webhook") || Has("failed to call webhook")) && (Has("connection refused") || Has("x509:")));
    }

    /// <summary>Overall budget, then retry of the webhook-not-ready faults only.</summary>
    public static ResiliencePipeline WebhookRetry(TimeSpan budget, TimeProvider? clock = null) =>
        new ResiliencePipelineBuilder { TimeProvider = clock ?? TimeProvider.System }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = budget })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsWebhookNotReady),
                MaxRetryAttempts = int.MaxValue, BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), UseJitter = true,
            })
            .Build();
}
