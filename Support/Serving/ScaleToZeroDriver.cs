using InferenceBox.Specs.Support.Gateway;
using System.Diagnostics;
using InferenceBox.Platform.Progress;
using InferenceBox.Specs.Support.Reporting;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>How a scale-to-zero wait went: the live timing it was budgeted from, the budget, and how long it took.</summary>
public sealed record ScaleDown(AutoscalerConfig Config, TimeSpan Budget, TimeSpan Took, PodCount Pods)
{
    public override string ToString() =>
        $"zero pods after {Took.TotalSeconds:0.0}s (budget {Budget.TotalSeconds:0}s from {Config} + margin)";
}

/// <summary>Scale-to-zero and cold start of a tenant's model, observed on its predictor pods and through the gateway.</summary>
public sealed class ScaleToZeroDriver(KServeDriver kserve, ModelProber prober, RunContext run, ScenarioFacts? facts = null)
{
    /// <summary>spec.predictor.minReplicas as set (KServe's default when unset is 1, which never scales to zero).</summary>
    public async Task<int> MinReplicasAsync(string tenant, string model, CancellationToken ct = default) =>
        (await kserve.GetAsync(tenant, model, ct)).MinReplicas ?? 1;

    /// <summary>
    /// Waits for zero active predictor pods within the budget derived from the live autoscaler configuration; the verdict
    /// says how long it took, or what the wait last saw.
    /// </summary>
    public async Task<WaitOutcome<ScaleDown>> ScaleDownAsync(string tenant, string model, CancellationToken ct = default)
    {
        var config = await kserve.AutoscalerAsync(tenant, model, ct);
        var budget = config.ScaleToZeroBudget(run.Budgets.ScaleToZeroMargin);
        var clock = Stopwatch.StartNew();
        var pods = await WaitOutcome.Of(kserve.WaitForPodsAsync(tenant, model, p => p.Active == 0, "zero active pods",
            $"{WaitBudgets.Names.ScaleToZeroMargin} + live autoscaler timing ({config})", budget, ct));
        if (!pods.Reached) return new WaitOutcome<ScaleDown>(null, pods.WhyNot);
        var took = clock.Elapsed;
        facts?.Record(new ScaleToZeroFact($"{tenant}/{model}", took.TotalSeconds, budget.TotalSeconds));
        return new WaitOutcome<ScaleDown>(new ScaleDown(config, budget, took, pods.Value!), null);
    }

    /// <summary>Sends one probe, after checking there really is no pod, so the latency measured is a cold start.</summary>
    public async Task<ProbeAnswer> ColdProbeAsync(ModelVersions versions, CancellationToken ct = default)
    {
        var pods = await kserve.PredictorPodsAsync(versions.Tenant, versions.Model, ct);
        if (pods.Active > 0)
            throw new InvalidOperationException($"{versions.Tenant}/{versions.Model} has {pods} before the cold request: it would not be a cold start.");
        var answer = await prober.ProbeAsync(versions, ct: ct);
        run.Progress.Report(new ProgressEvent(ProgressKind.Info, "cold-start",
            $"{versions.Tenant}/{versions.Model}: {answer}", answer.Exchange.Latency));
        facts?.Record(new ColdStartFact($"{versions.Tenant}/{versions.Model}", answer.Exchange.Latency.TotalSeconds, answer.Exchange.StatusCode, answer.Version));
        return answer;
    }

    public Task<PodCount> PodsAsync(string tenant, string model, CancellationToken ct = default) =>
        kserve.PredictorPodsAsync(tenant, model, ct);
}
