using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Fixture;

[Binding]
public sealed class CounterSteps
{
    private int _counter;

    [Given("a counter starting at {int}")]
    public void Start(int value) => _counter = value;

    [When("the counter is increased by {int}")]
    public void Increase(int amount) => _counter += amount;

    [When(@"the counter is set to (.+)")]
    public void Set(int value) => _counter = value;

    [When("the counter is shuffled")]
    public void ShuffleOne() => _counter = 0;

    [When(@"the counter is (\w+)")]
    public void ShuffleTwo(string how) => _counter = how.Length;

    [When("the counter is left for later")]
    public void Later() => throw new PendingStepException();

    [Then("the counter is {int}")]
    public void Check(int expected) => Assert.Equal(expected, _counter);
}
