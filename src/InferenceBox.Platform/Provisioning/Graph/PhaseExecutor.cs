using System.Diagnostics;
using InferenceBox.Platform.Progress;

namespace InferenceBox.Platform.Provisioning.Graph;

/// <summary>
/// Runs a <see cref="PhasePlan"/>: each phase starts as soon as its dependencies succeeded, so independent
/// phases overlap. A failed phase stops only its dependents ("not run: X failed"); the rest finish.
/// </summary>
public sealed class PhaseExecutor(IProgressChannel progress, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyList<PhaseOutcome>> RunAsync(PhasePlan plan, CancellationToken ct)
    {
        var origin = _clock.GetTimestamp();
        var tasks = new Dictionary<string, Task<PhaseOutcome>>();
        Task<PhaseOutcome> Start(IPhase phase) => tasks.TryGetValue(phase.Name, out var running)
            ? running
            : tasks[phase.Name] = RunOneAsync(phase, phase.DependsOn.Select(d => Start(plan[d])).ToList(), origin, ct);

        // Waves are topological, so every dependency's task exists before its dependents ask for it.
        foreach (var phase in plan.Waves.SelectMany(w => w)) _ = Start(phase);
        var outcomes = await Task.WhenAll(plan.Phases.Select(p => tasks[p.Name]));
        return outcomes;
    }

    private async Task<PhaseOutcome> RunOneAsync(IPhase phase, IReadOnlyList<Task<PhaseOutcome>> dependencies, long origin, CancellationToken ct)
    {
        var finished = await Task.WhenAll(dependencies);
        await Task.Yield(); // let sibling phases start before this one does any synchronous work
        var blocker = finished.FirstOrDefault(d => !d.Succeeded);
        var started = _clock.GetElapsedTime(origin);
        if (blocker is not null)
        {
            var cause = $"not run: {blocker.Phase} {(blocker.Status == PhaseStatus.Failed ? "failed" : "was not run")}";
            progress.Report(new ProgressEvent(ProgressKind.Failed, phase.Name, cause));
            return new PhaseOutcome(phase.Name, PhaseStatus.NotRun, started, TimeSpan.Zero, cause);
        }

        var stopwatch = _clock.GetTimestamp();
        try
        {
            ct.ThrowIfCancellationRequested();
            if (await phase.IsSatisfiedAsync(ct))
            {
                var took = _clock.GetElapsedTime(stopwatch);
                progress.Report(new ProgressEvent(ProgressKind.Skipped, phase.Name, "already satisfied", took));
                return new PhaseOutcome(phase.Name, PhaseStatus.Reused, started, took);
            }
            progress.Report(new ProgressEvent(ProgressKind.Started, phase.Name, $"started (budget {phase.Budget})"));
            await phase.RunAsync(ct);
            var duration = _clock.GetElapsedTime(stopwatch);
            progress.Report(new ProgressEvent(ProgressKind.Done, phase.Name, "done", duration));
            return new PhaseOutcome(phase.Name, PhaseStatus.Fresh, started, duration);
        }
        catch (Exception e)
        {
            var duration = _clock.GetElapsedTime(stopwatch);
            var cause = e is OperationCanceledException && ct.IsCancellationRequested ? "cancelled" : e.Message;
            progress.Report(new ProgressEvent(ProgressKind.Failed, phase.Name, cause, duration));
            Trace.WriteLine(e.ToString());
            return new PhaseOutcome(phase.Name, PhaseStatus.Failed, started, duration, cause);
        }
    }
}
