using FluentAssertions;
using InferenceBox.Specs.Support.Platform;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class PlatformSteps(PlatformStatus status)
{
    [StepArgumentTransformation(@"([a-z-]+)")]
    public static PlatformComponent Component(string name) => PlatformComponents.Named(name);

    [Then("every deployment of the {PlatformComponent} component is available")]
    public async Task EveryDeploymentAvailable(PlatformComponent component) =>
        (await status.UnavailableDeploymentsAsync(component)).Should().BeEmpty();

    [Then("every custom resource definition of the {PlatformComponent} component is established")]
    public async Task EveryCrdEstablished(PlatformComponent component) =>
        (await status.UnestablishedCrdsAsync(component)).Should().BeEmpty();
}
