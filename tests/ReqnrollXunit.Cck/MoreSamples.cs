using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Cck;

// Step definitions for more Compatibility Kit samples, written for Reqnroll from each sample's .ts file.
// The "empty" sample needs none: its one scenario has no steps.

[Binding, Scope(Feature = "Examples Tables - With attachments")]
public sealed class ExamplesTablesAttachmentSteps(IReqnrollOutputHelper output)
{
    [When("a JPEG image is attached")] public void Jpeg() => output.AddAttachment(KitFiles.Of("examples-tables-attachment", "cucumber.jpeg"));
    [When("a PNG image is attached")] public void Png() => output.AddAttachment(KitFiles.Of("examples-tables-attachment", "cucumber.png"));
}

/// <summary>The rows' values that are not integers leave their step undefined, as in the sample.</summary>
[Binding, Scope(Feature = "Examples Tables - With Undefined Steps")]
public sealed class ExamplesTablesUndefinedSteps
{
    private int _count;

    [Given("there are {int} cucumbers")] public void Cucumbers(int count) => _count = count;
    [When("I eat {int} cucumbers")] public void Eat(int count) => _count -= count;
    [Then("I should have {int} cucumbers")] public void Left(int expected) => Assert.Equal(expected, _count);
}

[Binding, Scope(Feature = "First feature"), Scope(Feature = "Second feature"), Scope(Feature = "Third feature")]
public sealed class MultipleFeaturesSteps
{
    [Given("an order for {string}")] public void Order(string item) { }
}

public sealed record Flight(string From, string To);

/// <summary>The sample's parameter type "flight" is a named step argument transformation with the same regex.</summary>
[Binding, Scope(Feature = "Parameter Types")]
public sealed class ParameterTypesSteps
{
    [StepArgumentTransformation(@"([A-Z]{3})-([A-Z]{3})", Name = "flight")]
    public Flight ToFlight(string from, string to) => new(from, to);

    [Given("{flight} has been delayed")]
    public void Delayed(Flight flight) => Assert.Equal(new Flight("LHR", "CDG"), flight);
}

[Binding, Scope(Feature = "Stack traces")]
public sealed class StackTracesSteps
{
    [When("a step throws an exception")] public void Throws() => throw new InvalidOperationException("BOOM");
}

[Binding, Scope(Feature = "Unused steps")]
public sealed class UnusedStepsSteps
{
    [Given("a step that is used")] public void Used() { }
    [Given("a step that is not used")] public void NotUsed() { }
}

[Binding, Scope(Feature = "Rules with Backgrounds")]
public sealed class RulesBackgroundsSteps
{
    [Given("an order for {string}")] public void Order(string item) { }
    [When("an action")] public void Action() { }
    [Then("an outcome")] public void Outcome() { }
}

/// <summary>The files a sample attaches, copied beside the test assembly under cck/&lt;sample&gt;/ (see the project file).</summary>
internal static class KitFiles
{
    public static string Of(string sample, string file) => Path.Combine(AppContext.BaseDirectory, "cck", sample, file);
}
