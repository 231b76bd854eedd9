using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class PlatformSteps
{
    [Then("every deployment of the platform's components is available")]
    public void EveryDeploymentAvailable() => throw new NotImplementedException("x");

    [Then("the custom resource definitions of {word} are established")]
    public void CrdsEstablished(string component) => throw new NotImplementedException(component);
}
