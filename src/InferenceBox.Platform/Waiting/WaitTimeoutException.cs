namespace InferenceBox.Specs.Support.Waiting;

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
