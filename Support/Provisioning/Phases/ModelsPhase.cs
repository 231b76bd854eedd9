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
/// canary scenario's). KServe's admission webhook answers "no endpoints available" until its pod is ready: that
/// transient fault, and only that, is retried.
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
                try { await Context.Cluster.ApplyAsync(Objects(), token); }
                catch (Exception e) when (IsWebhookNotReady(e)) { lastFault = e.Message; throw; }
            }, ct);
        }
        catch (TimeoutRejectedException)
        {
            throw new WaitTimeoutException("KServe's admission webhook to accept the InferenceServices",
                WaitBudgets.Names.WebhookEndpoints, budget, lastFault ?? "no answer");
        }
    }

    public static bool IsWebhookNotReady(Exception e) =>
        e.ToString().Contains("no endpoints available for service", StringComparison.OrdinalIgnoreCase);

    /// <summary>Overall budget, then retry of the webhook-not-ready fault only.</summary>
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
