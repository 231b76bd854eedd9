namespace InferenceBox.Specs.Support.Waiting;

/// <summary>What one look at the awaited state found: whether it is there, the value, and a line for the timeout.</summary>
public readonly record struct PollResult<T>(bool Done, T Value, string State)
{
    public static PollResult<T> Reached(T value) => new(true, value, "done");
    public static PollResult<T> NotYet(string state) => new(false, default!, state);
}

/// <summary>
/// A bounded, named poll, for what has no watch: query APIs (Prometheus, Jaeger, Kiali) and the data plane. It
/// looks at once, then on every tick of the interval, until the probe reports done or the named budget runs out;
/// the timeout says what was awaited and the last state seen. A transport fault the client already retried
/// (<see cref="HttpRequestException"/>) is recorded as the state and the poll goes on; anything else propagates.
/// The deadline and the interval are timers of the budgets' clock (<see cref="WaitBudgets.Clock"/>).
/// </summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(WaitBudgets budgets, string budgetName, string waitedFor, TimeSpan interval,
        Func<CancellationToken, Task<PollResult<T>>> probe, CancellationToken ct = default)
    {
        var budget = budgets[budgetName];
        using var expiry = new CancellationTokenSource(budget, budgets.Clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        using var timer = new PeriodicTimer(interval, budgets.Clock);
        var lastSeen = "no answer yet";
        try
        {
            do
            {
                try
                {
                    var result = await probe(deadline.Token);
                    if (result.Done) return result.Value;
                    lastSeen = result.State;
                }
                catch (HttpRequestException e) when (!deadline.IsCancellationRequested)
                {
                    lastSeen = $"transport error after retries: {e.Message}";
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        // The budget ran out, whether between looks or in the middle of one.
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested) { }
        throw new WaitTimeoutException(waitedFor, budgetName, budget, lastSeen);
    }
}
