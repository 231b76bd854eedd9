using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Fixture;

/// <summary>Takes both output helpers by constructor injection, as Reqnroll's xUnit documentation says a step class may.</summary>
[Binding]
public sealed class OutputSteps(IReqnrollOutputHelper reqnrollOutput, ITestOutputHelper xunitOutput)
{
    [When("a line is written through the Reqnroll output helper")]
    public void WriteReqnroll() => reqnrollOutput.WriteLine("line from IReqnrollOutputHelper");

    [When("a line is written through the xUnit output helper")]
    public void WriteXunit() => xunitOutput.WriteLine("line from ITestOutputHelper");
}
