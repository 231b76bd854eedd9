namespace InferenceBox.Platform.Provisioning.Graph;

/// <summary>
/// One step of bringing up the platform. A phase first reads the live state (<see cref="IsSatisfiedAsync"/>)
/// and is skipped when it is already satisfied, so a warm rerun installs nothing.
/// </summary>
public interface IPhase
{
    string Name { get; }
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>The WaitBudgets name that bounds this phase's waits (shown in the plan).</summary>
    string Budget { get; }

    /// <summary>Typical cold duration, used to compute the critical path of the plan.</summary>
    TimeSpan Estimate { get; }

    Task<bool> IsSatisfiedAsync(CancellationToken ct);
    Task RunAsync(CancellationToken ct);
}

public enum PhaseStatus { Fresh, Reused, Failed, NotRun }

/// <summary>What happened to one phase, with its timing (relative to the start of the run).</summary>
public sealed record PhaseOutcome(string Phase, PhaseStatus Status, TimeSpan Started, TimeSpan Duration, string? Cause = null)
{
    public bool Succeeded => Status is PhaseStatus.Fresh or PhaseStatus.Reused;
}
