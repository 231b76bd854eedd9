using InferenceBox.Platform.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Waiting;

/// <summary>
/// <see cref="Poll.ConvergeAsync{T}"/> on a fake clock: N successes in a row, a failure resets the count and waits
/// <see cref="Poll.FailedTryDelay"/>, every failed try is reported. Tries answer at once, so only the test moves time.
/// </summary>
public sealed class ConvergeTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _failedTries = [];

    private WaitBudgets Budgets => new(1, _clock);

    [Fact]
    public async Task Converges_after_the_required_successes_in_a_row_without_time_passing()
    {
        var tries = 0;
        var value = await Converge(_ => Try(WaitVerdict<int>.Reached(++tries)));

        (value, tries).Should().Be((Poll.RequiredConsecutiveSuccesses, Poll.RequiredConsecutiveSuccesses), "a success is followed by the next try at once");
        _failedTries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failure_resets_the_count_and_is_reported_with_what_it_saw()
    {
        var script = new Queue<WaitVerdict<int>>([WaitVerdict<int>.Reached(1), WaitVerdict<int>.Reached(2), WaitVerdict<int>.NotYet("503 from a stale proxy"),
            WaitVerdict<int>.Reached(4), WaitVerdict<int>.Reached(5), WaitVerdict<int>.Reached(6)]);
        var wait = Converge(_ => Try(script.Dequeue()));
        wait.IsCompleted.Should().BeFalse("two successes then a failure: the count is back to 0 and the next try waits for the delay");

        _clock.Advance(Poll.FailedTryDelay);

        (await wait).Should().Be(6, "three successes in a row came only after the failure");
        _failedTries.Should().Equal("try 3 failed after 2 success(es) in a row, not converged yet: 503 from a stale proxy");
    }

    [Fact]
    public async Task A_transport_fault_is_a_failed_try_not_an_end()
    {
        var tries = 0;
        var wait = Converge(_ => ++tries == 1 ? throw new HttpRequestException("connection reset") : Try(WaitVerdict<int>.Reached(tries)));

        _clock.Advance(Poll.FailedTryDelay);

        (await wait).Should().Be(4);
        _failedTries.Should().ContainSingle().Which.Should().EndWith("transport error after retries: connection reset");
    }

    [Fact]
    public async Task The_timeout_says_what_was_awaited_the_count_reached_and_the_last_failure()
    {
        var tries = 0;
        var third = new TaskCompletionSource();
        // A failure, two successes, then a try that hangs until the budget (gateway-converged, 2 minutes) runs out.
        var wait = Converge(async token => ++tries switch
        {
            1 => WaitVerdict<int>.NotYet("503 from a stale proxy"),
            2 or 3 => WaitVerdict<int>.Reached(tries),
            _ => await Hang(third, token),
        });
        _clock.Advance(Poll.FailedTryDelay);
        await third.Task.WaitAsync(TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(2) - Poll.FailedTryDelay);

        var error = (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>()).Which;
        error.Message.Should().Contain("waiting for tenant-a/sklearn-iris to converge (3 successes in a row)").And.Contain("'gateway-converged'");
        error.LastSeen.Should().Be("2 of 3 successes in a row after 4 tries; last failed try: 503 from a stale proxy");
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var wait = Poll.ConvergeAsync(Budgets, WaitBudgets.Names.GatewayConverged, "a route", _ => Try(WaitVerdict<int>.NotYet("404")),
            _failedTries.Add, caller.Token);

        await caller.CancelAsync();

        await FluentActions.Awaiting(() => wait).Should().ThrowAsync<OperationCanceledException>("the budget of 2 minutes has not run out");
    }

    [Fact]
    public async Task Any_other_fault_propagates_at_once() =>
        await FluentActions.Awaiting(() => Converge(_ => throw new InvalidDataException("not JSON")))
            .Should().ThrowAsync<InvalidDataException>().WithMessage("not JSON");

    private Task<int> Converge(Func<CancellationToken, Task<WaitVerdict<int>>> attempt) =>
        Poll.ConvergeAsync(Budgets, WaitBudgets.Names.GatewayConverged, "tenant-a/sklearn-iris to converge", attempt, _failedTries.Add,
            TestContext.Current.CancellationToken);

    private static async Task<WaitVerdict<int>> Hang(TaskCompletionSource started, CancellationToken token)
    {
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
    }

    private static Task<WaitVerdict<int>> Try(WaitVerdict<int> result) => Task.FromResult(result);
}
