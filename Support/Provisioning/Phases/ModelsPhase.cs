using InferenceBox.Specs.Support.Provisioning.Ports;
using InferenceBox.Specs.Support.Settings;
using InferenceBox.Specs.Support.Waiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Support.Provisioning.Phases;

/// <summary>
/// The tenants' InferenceServices (manifests/inference/&lt;tenant&gt;; extras only in the full profile; canary is the
/// canary scenario's). Until KServe's admission webhook really serves, the API server cannot call it; those
/// transient faults, and only those, are retried within the webhook budget (see <see cref="IsWebhookNotReady"/>).
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
        var budget = Context.Budgets[WaitBudgets.Names.WebhookEndpoints];
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
