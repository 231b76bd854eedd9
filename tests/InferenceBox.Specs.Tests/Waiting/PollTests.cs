using System.Threading.Channels;
using InferenceBox.Platform.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Waiting;

/// <summary>
/// The poll on a fake clock: the test moves time, so a timeout happens exactly when the budget says, however busy
/// the machine is (a wall-clock window of 90 ms failed on 2 loaded cores: issue 14, item 6).
/// </summary>
public sealed class PollTests
{
    // scrape-delta is 90 s; looks every 40 s come at 0, 40 and 80 s, and the budget runs out at 90 s.
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(40);
    private readonly FakeTimeProvider _clock = new();
    private readonly Channel<int> _looks = Channel.CreateUnbounded<int>();

    private WaitBudgets Budgets => new(1, _clock);

    [Fact]
    public async Task Returns_the_value_once_the_probe_reports_done()
    {
        var looks = 0;
        var value = Poll.UntilAsync(Budgets, WaitBudgets.Names.ScrapeDelta, "three looks", Tick,
            _ => Look(++looks == 3 ? WaitVerdict<int>.Reached(42) : WaitVerdict<int>.NotYet($"look {looks}")), TestContext.Current.CancellationToken);
        await NextLookAsync();
        await AdvanceToNextLookAsync(Tick);
        await AdvanceToNextLookAsync(Tick);
        (await value, looks).Should().Be((42, 3));
    }

    [Fact]
    public async Task Looks_at_once_and_a_first_look_that_finds_it_done_returns_without_time_passing()
    {
        var wait = Poll.UntilAsync(Budgets, WaitBudgets.Names.ScrapeDelta, "one look", Tick,
            _ => Task.FromResult(WaitVerdict<int>.Reached(7)), TestContext.Current.CancellationToken);

        wait.IsCompletedSuccessfully.Should().BeTrue("the clock never moved, so the first look found it done");
        (await wait).Should().Be(7);
    }

    [Fact]
    public async Task Times_out_when_the_budget_runs_out_naming_what_it_waited_for_the_budget_and_the_last_state()
    {
        var looks = 0;
        var wait = Poll.UntilAsync(Budgets, WaitBudgets.Names.ScrapeDelta, "a counter to rise", Tick,
            _ => Look(WaitVerdict<int>.NotYet($"value {++looks}")), TestContext.Current.CancellationToken);
        await NextLookAsync();
        await AdvanceToNextLookAsync(Tick);
        await AdvanceToNextLookAsync(Tick);
        wait.IsCompleted.Should().BeFalse("89 of the 90 s have not passed yet");

        _clock.Advance(TimeSpan.FromSeconds(10));

        var error = (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>()).Which;
        error.Message.Should().Contain("a counter to rise").And.Contain("'scrape-delta'").And.Contain("90s");
        error.LastSeen.Should().Be("value 3", "it looked at 0, 40 and 80 s, and not again before the budget ran out at 90 s");
    }

    [Fact]
    public async Task A_transport_fault_is_the_last_state_and_the_poll_goes_on()
    {
        var looks = 0;
        var wait = Poll.UntilAsync<int>(Budgets, WaitBudgets.Names.ScrapeDelta, "an answer", Tick, _ =>
        {
            _looks.Writer.TryWrite(++looks);
            throw new HttpRequestException("connection refused");
        }, TestContext.Current.CancellationToken);
        await NextLookAsync();
        await AdvanceToNextLookAsync(Tick);
        await AdvanceToNextLookAsync(Tick);
        _clock.Advance(TimeSpan.FromSeconds(10));

        (await FluentActions.Awaiting(() => wait).Should().ThrowAsync<WaitTimeoutException>())
            .Which.LastSeen.Should().Be("transport error after retries: connection refused");
        looks.Should().Be(3, "the fault did not end the poll: it looked again at 40 and 80 s");
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_timeout()
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var wait = Poll.UntilAsync(Budgets, WaitBudgets.Names.ScrapeDelta, "an answer", Tick,
            _ => Look(WaitVerdict<int>.NotYet("not yet")), caller.Token);
        await NextLookAsync();

        await caller.CancelAsync();

        await FluentActions.Awaiting(() => wait).Should().ThrowAsync<OperationCanceledException>("the budget of 90 s has not run out");
    }

    [Fact]
    public async Task Any_other_fault_propagates_at_once()
    {
        var wait = () => Poll.UntilAsync<int>(Budgets, WaitBudgets.Names.ScrapeDelta, "an answer", Tick,
            _ => throw new InvalidDataException("not JSON"), TestContext.Current.CancellationToken);
        await wait.Should().ThrowAsync<InvalidDataException>().WithMessage("not JSON");
    }

    private Task<WaitVerdict<int>> Look(WaitVerdict<int> result)
    {
        _looks.Writer.TryWrite(0);
        return Task.FromResult(result);
    }

    private async Task NextLookAsync() => await _looks.Reader.ReadAsync(TestContext.Current.CancellationToken);

    private async Task AdvanceToNextLookAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await NextLookAsync();
    }
}
