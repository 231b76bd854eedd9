using FluentAssertions;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Tests.Waiting;

public sealed class PollTests
{
    // scrape-delta is 90 s; at this scale it is 90 ms, so the timeouts below happen quickly and for real.
    private static readonly WaitBudgets Fast = new(0.001);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task Returns_the_value_once_the_probe_reports_done()
    {
        var looks = 0;
        var value = await Poll.UntilAsync(new WaitBudgets(), WaitBudgets.Names.ScrapeDelta, "three looks", Tick,
            _ => Task.FromResult(++looks == 3 ? PollResult<int>.Reached(42) : PollResult<int>.NotYet($"look {looks}")), TestContext.Current.CancellationToken);
        (value, looks).Should().Be((42, 3));
    }

    [Fact]
    public async Task Times_out_naming_what_it_waited_for_the_budget_and_the_last_state()
    {
        var looks = 0;
        var wait = () => Poll.UntilAsync(Fast, WaitBudgets.Names.ScrapeDelta, "a counter to rise", Tick,
            _ => Task.FromResult(PollResult<int>.NotYet($"value {++looks}")), TestContext.Current.CancellationToken);
        var error = (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which;
        error.Message.Should().Contain("a counter to rise").And.Contain("'scrape-delta'");
        error.LastSeen.Should().StartWith("value ").And.NotBe("value 1", "it kept looking until the budget ran out");
    }

    [Fact]
    public async Task A_transport_fault_is_the_last_state_and_the_poll_goes_on()
    {
        var wait = () => Poll.UntilAsync<int>(Fast, WaitBudgets.Names.ScrapeDelta, "an answer", Tick,
            _ => throw new HttpRequestException("connection refused"), TestContext.Current.CancellationToken);
        (await wait.Should().ThrowAsync<WaitTimeoutException>()).Which.LastSeen.Should().Be("transport error after retries: connection refused");
    }

    [Fact]
    public async Task Any_other_fault_propagates_at_once()
    {
        var wait = () => Poll.UntilAsync<int>(new WaitBudgets(), WaitBudgets.Names.ScrapeDelta, "an answer", Tick,
            _ => throw new InvalidDataException("not JSON"), TestContext.Current.CancellationToken);
        await wait.Should().ThrowAsync<InvalidDataException>().WithMessage("not JSON");
    }
}
