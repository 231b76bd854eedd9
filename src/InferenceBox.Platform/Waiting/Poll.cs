namespace InferenceBox.Platform.Waiting;

/// <summary>
/// What one look at an awaited state found: whether it is there, and a line saying what was seen (a timeout's "last
/// seen"). The one verdict of every wait: a watch's on the objects it saw (ClusterApi.Watch), the readiness port's answer
/// (ReadinessState, which adds the version it found), a poll's or a convergence's look (<see cref="WaitVerdict{T}"/>,
/// which adds the value the wait returns).
/// </summary>
public record WaitVerdict(bool Done, string State);

/// <summary>A look of <see cref="Poll"/>: the verdict, and once done the value the wait returns.</summary>
public sealed record WaitVerdict<T>(bool Done, T Value, string State) : WaitVerdict(Done, State)
{
    public static WaitVerdict<T> Reached(T value) => new(true, value, "done");
    public static WaitVerdict<T> NotYet(string state) => new(false, default!, state);
}

/// <summary>
/// A bounded, named poll, for what has no watch: query APIs (Prometheus, Jaeger, Kiali) and the data plane. It
/// looks at once, then after every look that is not there on the next tick of the interval, until enough looks in a row
/// report done (one for <see cref="UntilAsync{T}"/>, <see cref="RequiredConsecutiveSuccesses"/> for
/// <see cref="ConvergeAsync{T}"/>) or the named budget runs out; the timeout says what was awaited and the last state
/// seen. A transport fault the client already retried (<see cref="HttpRequestException"/>) is a look that is not there
/// and the poll goes on; anything else propagates. The deadline and the interval are timers of the budgets' clock
/// (<see cref="WaitBudgets.Clock"/>).
/// </summary>
public static class Poll
{
    public static Task<T> UntilAsync<T>(WaitBudgets budgets, string budgetName, string waitedFor, TimeSpan interval,
        Func<CancellationToken, Task<WaitVerdict<T>>> probe, CancellationToken ct = default) =>
        LookAsync(budgets, budgetName, interval, 1, probe, failedLook: null,
            (budget, _, _, lastSeen) => new WaitTimeoutException(waitedFor, budgetName, budget, lastSeen ?? "no answer yet"), ct);

    /// <summary>
    /// How many tries in a row must succeed before the data plane counts as converged: the Gateway API conformance
    /// suite's default (kubernetes-sigs/gateway-api@v1.3.0:conformance/utils/config/timeout.go, RequiredConsecutiveSuccesses).
    /// Ours is the same 3: one success proves a route exists, not that every proxy has it, and a flap right after the
    /// first success is what a lagging configuration push looks like. More would buy little here: every try is a model
    /// inference on the kind node's shared CPUs, and what follows convergence is itself strict (the canary's sample
    /// allows zero failures), so a route that converged too early still fails loudly instead of passing by luck.
    /// </summary>
    public const int RequiredConsecutiveSuccesses = 3;

    /// <summary>The pause after a failed try (none after a success), as in the conformance suite's AwaitConvergence.</summary>
    public static readonly TimeSpan FailedTryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Tries until <paramref name="consecutive"/> tries in a row succeed, within the named budget: the data plane's
    /// "converged", modelled on kubernetes-sigs/gateway-api@v1.3.0:conformance/utils/http/http.go (AwaitConvergence,
    /// WaitForConsistentResponse): a success is followed at once by the next try, a failure resets the count and waits
    /// <see cref="FailedTryDelay"/> (the next tick of the budgets' clock). Every failed try is reported to
    /// <paramref name="failedTry"/> with its number and what it saw; a transport fault the client already retried
    /// (<see cref="HttpRequestException"/>) is a failed try, anything else propagates. The timeout says what was awaited,
    /// how many successes in a row it had reached, and the last failure seen. Returns the value of the last success.
    /// </summary>
    public static Task<T> ConvergeAsync<T>(WaitBudgets budgets, string budgetName, string waitedFor,
        Func<CancellationToken, Task<WaitVerdict<T>>> attempt, Action<string> failedTry, CancellationToken ct = default,
        int consecutive = RequiredConsecutiveSuccesses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutive, 1);
        return LookAsync(budgets, budgetName, FailedTryDelay, consecutive, attempt,
            (tries, successes, failure) => failedTry($"try {tries} failed after {successes} success(es) in a row, not converged yet: {failure}"),
            (budget, tries, successes, lastFailure) => new WaitTimeoutException($"{waitedFor} ({consecutive} successes in a row)", budgetName,
                budget, $"{successes} of {consecutive} successes in a row after {tries} tries; last failed try: {lastFailure ?? "none"}"), ct);
    }

    /// <summary>
    /// The one loop of every poll: looks until <paramref name="consecutive"/> looks in a row are done, pausing until the
    /// next tick of <paramref name="pause"/> after each look that is not; every look that is not is told to
    /// <paramref name="failedLook"/> (its number, the successes in a row it broke, what it saw); when the budget runs out,
    /// <paramref name="timedOut"/> builds the timeout from the budget, the looks, the successes in a row and the last state.
    /// </summary>
    private static async Task<T> LookAsync<T>(WaitBudgets budgets, string budgetName, TimeSpan pause, int consecutive,
        Func<CancellationToken, Task<WaitVerdict<T>>> look, Action<int, int, string>? failedLook,
        Func<TimeSpan, int, int, string?, WaitTimeoutException> timedOut, CancellationToken ct)
    {
        var budget = budgets[budgetName];
        using var expiry = new CancellationTokenSource(budget, budgets.Clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        using var timer = new PeriodicTimer(pause, budgets.Clock);
        int looks = 0, successes = 0;
        string? lastSeen = null;
        try
        {
            while (true)
            {
                looks++;
                try
                {
                    var result = await look(deadline.Token);
                    if (result.Done)
                    {
                        if (++successes >= consecutive) return result.Value;
                        continue;
                    }
                    lastSeen = result.State;
                }
                catch (HttpRequestException e) when (!deadline.IsCancellationRequested)
                {
                    lastSeen = $"transport error after retries: {e.Message}";
                }
                failedLook?.Invoke(looks, successes, lastSeen);
                successes = 0;
                await timer.WaitForNextTickAsync(deadline.Token);
            }
        }
        // The budget ran out, whether between looks or in the middle of one.
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested) { }
        throw timedOut(budget, looks, successes, lastSeen);
    }
}
