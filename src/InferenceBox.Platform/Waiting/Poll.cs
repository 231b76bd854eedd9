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
/// looks at once, then on every tick of the interval, until the probe reports done or the named budget runs out;
/// the timeout says what was awaited and the last state seen. A transport fault the client already retried
/// (<see cref="HttpRequestException"/>) is recorded as the state and the poll goes on; anything else propagates.
/// The deadline and the interval are timers of the budgets' clock (<see cref="WaitBudgets.Clock"/>).
/// </summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(WaitBudgets budgets, string budgetName, string waitedFor, TimeSpan interval,
        Func<CancellationToken, Task<WaitVerdict<T>>> probe, CancellationToken ct = default)
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
    public static async Task<T> ConvergeAsync<T>(WaitBudgets budgets, string budgetName, string waitedFor,
        Func<CancellationToken, Task<WaitVerdict<T>>> attempt, Action<string> failedTry, CancellationToken ct = default,
        int consecutive = RequiredConsecutiveSuccesses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutive, 1);
        var budget = budgets[budgetName];
        using var expiry = new CancellationTokenSource(budget, budgets.Clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, expiry.Token);
        using var delay = new PeriodicTimer(FailedTryDelay, budgets.Clock);
        int tries = 0, successes = 0;
        var lastFailure = "none";
        try
        {
            while (true)
            {
                tries++;
                try
                {
                    var result = await attempt(deadline.Token);
                    if (result.Done)
                    {
                        if (++successes >= consecutive) return result.Value;
                        continue;
                    }
                    lastFailure = result.State;
                }
                catch (HttpRequestException e) when (!deadline.IsCancellationRequested)
                {
                    lastFailure = $"transport error after retries: {e.Message}";
                }
                failedTry($"try {tries} failed after {successes} success(es) in a row, not converged yet: {lastFailure}");
                successes = 0;
                await delay.WaitForNextTickAsync(deadline.Token);
            }
        }
        // The budget ran out, whether between tries or in the middle of one.
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested) { }
        throw new WaitTimeoutException($"{waitedFor} ({consecutive} successes in a row)", budgetName, budget,
            $"{successes} of {consecutive} successes in a row after {tries} tries; last failed try: {lastFailure}");
    }
}
