using FluentAssertions;
using InferenceBox.Specs.Support.Platform;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class PlatformSteps(PlatformStatus status, AiGatewayStatus aiGateway)
{
    [StepArgumentTransformation(@"([a-z-]+)")]
    public static PlatformComponent Component(string name) => PlatformComponents.Named(name);

    [Then("every deployment of the {PlatformComponent} component is available")]
    public async Task EveryDeploymentAvailable(PlatformComponent component) =>
        (await status.UnavailableDeploymentsAsync(component)).Should().BeEmpty();

    [Then("every custom resource definition of the {PlatformComponent} component is established")]
    public async Task EveryCrdEstablished(PlatformComponent component) =>
        (await status.UnestablishedCrdsAsync(component)).Should().BeEmpty();

    [Given("the AI gateway is programmed on a Gateway of its own, which no model or issuer route shares")]
    public async Task AiGatewayOnItsOwn() => (await aiGateway.ProblemsAsync()).Should().BeEmpty();
}
