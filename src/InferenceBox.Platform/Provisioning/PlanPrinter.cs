using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Graph;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// The dry run's view of provisioning, through the live channel: the phases in topological waves (each with its
/// dependencies, budget and estimate), then the critical path of a cold run against the serial sum.
/// </summary>
public static class PlanPrinter
{
    public const string Phase = "plan";

    public static void Print(PhasePlan plan, IProgressChannel progress, Func<string, TimeSpan> budget)
    {
        for (var i = 0; i < plan.Waves.Count; i++)
            foreach (var phase in plan.Waves[i])
                progress.Report(new ProgressEvent(ProgressKind.Plan, phase.Name,
                    $"wave {i + 1}; after [{string.Join(", ", phase.DependsOn)}]; budget {phase.Budget} " +
                    $"({budget(phase.Budget).TotalMinutes:0.#} min); estimate {phase.Estimate.TotalSeconds:0}s"));
        var (chain, length) = plan.CriticalPath();
        progress.Report(new ProgressEvent(ProgressKind.Plan, "critical-path",
            $"{string.Join(" -> ", chain.Select(p => p.Name))} = {length.TotalSeconds:0}s cold, " +
            $"vs {plan.SerialSum.TotalSeconds:0}s run one after another ({plan.Phases.Count} phases in {plan.Waves.Count} waves)"));
    }
}
