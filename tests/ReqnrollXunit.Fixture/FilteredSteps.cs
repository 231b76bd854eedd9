using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Fixture;

/// <summary>Puts a secret in every place a report takes text from: both output helpers and a failure message.</summary>
[Binding]
public sealed class FilteredSteps(IReqnrollOutputHelper reqnrollOutput, ITestOutputHelper xunitOutput)
{
    public const string Secret = "fixture-secret-4f2a9c";

    [When("a secret is written through both output helpers")]
    public void WriteSecret()
    {
        reqnrollOutput.WriteLine($"reqnroll says {Secret}");
        xunitOutput.WriteLine($"xunit says {Secret}");
    }

    [Then("the step fails with the secret in its message")]
    public void FailWithSecret() => Assert.Fail($"the token was {Secret}");
}
