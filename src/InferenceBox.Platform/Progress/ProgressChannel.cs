namespace InferenceBox.Platform.Progress;

/// <summary>What a phase of the run reports while it happens.</summary>
public enum ProgressKind { Plan, Started, Skipped, Done, Failed, Info, Step, Warning }

/// <summary>One line of live progress: a phase, what happened to it, and how long it took.</summary>
public sealed record ProgressEvent(ProgressKind Kind, string Phase, string Message, TimeSpan? Duration = null)
{
    public override string ToString()
    {
        var took = Duration is { } d ? $" ({d.TotalSeconds:0.0}s)" : "";
        return $"[{Kind.ToString().ToLowerInvariant(),-7}] {Phase}: {Message}{took}";
    }
}

/// <summary>
/// The one live progress channel: provisioning reports through it, and the dry run prints its plan
/// through it. Implementations must be thread safe, because independent phases report concurrently.
/// </summary>
public interface IProgressChannel
{
    void Report(ProgressEvent progressEvent);
}
