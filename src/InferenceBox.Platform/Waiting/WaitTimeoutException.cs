namespace InferenceBox.Platform.Waiting;

/// <summary>A bounded wait ran out: says what it waited for, its budget, and the last state it saw.</summary>
public sealed class WaitTimeoutException(string waitedFor, string budgetName, TimeSpan budget, string lastSeen, string? recentEvents = null)
    : TimeoutException(
        $"Timed out after {budget.TotalSeconds:0.#}s (budget '{budgetName}') waiting for {waitedFor}. Last seen: {lastSeen}." +
        (string.IsNullOrWhiteSpace(recentEvents) ? "" : $"{Environment.NewLine}Recent events:{Environment.NewLine}{recentEvents}") +
        $"{Environment.NewLine}On a slow machine raise INFERENCEBOX_TIMEOUT_SCALE.")
{
    public string WaitedFor { get; } = waitedFor;
    public string BudgetName { get; } = budgetName;
    public string LastSeen { get; } = lastSeen;
}

/// <summary>
/// How a bounded wait ended, as a verdict a Then step asserts on: reached, with the value, or not, with the timeout's
/// message (what it waited for, its budget, what it last saw). Only the timeout becomes a verdict; any other failure
/// (no answer from the cluster, a bug) stays an error.
/// </summary>
public sealed record WaitOutcome<T>(T? Value, string? WhyNot)
{
    public bool Reached => WhyNot is null;
    public override string ToString() => WhyNot ?? $"reached: {Value}";
}

public static class WaitOutcome
{
    public static async Task<WaitOutcome<T>> Of<T>(Task<T> wait)
    {
        try { return new WaitOutcome<T>(await wait, null); }
        catch (WaitTimeoutException e) { return new WaitOutcome<T>(default, e.Message); }
    }
}
