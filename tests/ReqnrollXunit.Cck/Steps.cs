using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Cck;

// Step definitions for the Compatibility Kit samples, written for Reqnroll from each sample's .ts file. Each class is
// scoped to its sample's feature, because the samples reuse step texts with different meanings.

[Binding, Scope(Feature = "minimal")]
public sealed class MinimalSteps
{
    [Given("I have {int} cukes in my belly")] public void Cukes(int count) { }
}

[Binding, Scope(Feature = "cdata")]
public sealed class CdataSteps
{
    [Given("I have {int} <![CDATA[cukes]]> in my belly")] public void Cukes(int count) { }
}

[Binding, Scope(Feature = "Backgrounds")]
public sealed class BackgroundsSteps
{
    [Given("an order for {string}")] public void Order(string item) { }
    [When("an action")] public void Action() { }
    [Then("an outcome")] public void Outcome() { }
}

[Binding, Scope(Feature = "Data Tables")]
public sealed class DataTablesSteps
{
    private List<List<string>> _transposed = [];

    [When("the following table is transposed:")]
    public void Transpose(DataTable table)
    {
        var rows = new[] { table.Header.ToList() }.Concat(table.Rows.Select(r => r.Values.ToList())).ToList();
        _transposed = Enumerable.Range(0, rows[0].Count).Select(c => rows.Select(r => r[c]).ToList()).ToList();
    }

    [Then("it should be:")]
    public void ShouldBe(DataTable expected)
    {
        var rows = new[] { expected.Header.ToList() }.Concat(expected.Rows.Select(r => r.Values.ToList())).ToList();
        Assert.Equal(rows, _transposed);
    }
}

[Binding, Scope(Feature = "Doc strings")]
public sealed class DocStringsSteps
{
    [Given("a doc string:")] public void DocString(string content) { }
}

[Binding, Scope(Feature = "Usage of a `Rule`")]
public sealed class RulesSteps
{
    private int _money;
    private Stack<string> _stock = new();
    private string? _chocolate;

    [Given("the customer has {int} cents")] public void Money(int cents) => _money = cents;
    [Given("there are chocolate bars in stock")] public void Stock() => _stock = new(["Mars"]);
    [Given("there are no chocolate bars in stock")] public void NoStock() => _stock = new();

    [When("the customer tries to buy a {int} cent chocolate bar")]
    public void Buy(int price)
    {
        if (_money >= price && _stock.Count > 0) _chocolate = _stock.Pop();
    }

    [Then("the sale should not happen")] public void NoSale() => Assert.Null(_chocolate);
    [Then("the sale should happen")] public void Sale() => Assert.NotNull(_chocolate);
}

[Binding, Scope(Feature = "Examples Tables")]
public sealed class ExamplesTablesSteps
{
    private int _count;
    private int _friends;

    [Given("there are {int} cucumbers")] public void Cucumbers(int count) => _count = count;
    [Given("there are {int} friends")] public void Friends(int friends) => _friends = friends;
    [When("I eat {int} cucumbers")] public void Eat(int count) => _count -= count;
    [Then("I should have {int} cucumbers")] public void Left(int expected) => Assert.Equal(expected, _count);
    [Then("each person can eat {int} cucumbers")] public void Share(int expected) => Assert.Equal(expected, _count / (1 + _friends));
}

[Binding, Scope(Feature = "Pending steps")]
public sealed class PendingSteps
{
    [Given("an implemented non-pending step")] public void Implemented() { }
    [Given("an implemented step that is skipped")] public void Skipped() { }
    [Given("an unimplemented pending step")] public void Pending() => throw new PendingStepException();
}

[Binding, Scope(Feature = "Undefined steps")]
public sealed class UndefinedSteps
{
    [Given("an implemented step")] public void Implemented() { }
    [Given("a step that will be skipped")] public void Skipped() { }
}

[Binding, Scope(Feature = "Ambiguous steps")]
public sealed class AmbiguousSteps
{
    [Given("^a (.*?) with (.*?)$")] public void First(string a, string b) { }
    [Given("^a step with (.*)$")] public void Second(string a) { }
}

[Binding, Scope(Feature = "Hooks")]
public sealed class HooksSteps
{
    [BeforeScenario] public void Before() { }
    [When("a step passes")] public void Passes() { }
    [When("a step fails")] public void Fails() => throw new InvalidOperationException("Exception in step");
    [AfterScenario] public void After() { }
}
