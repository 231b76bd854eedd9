using FluentAssertions;
using InferenceBox.Platform.Status;
using Reqnroll;
using Reqnroll.UnitTestProvider;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Specs.StepDefinitions;

[Binding]
public sealed class PlatformSteps(PlatformStatus status, AiGatewayStatus aiGateway, PlatformComponents components, IUnitTestRuntimeProvider runtime)
{
    [StepArgumentTransformation(@"([a-z-]+)")]
    public PlatformComponent Component(string name) => components.Named(name);

    [Then("every deployment of the {PlatformComponent} component is available at its current generation, with every replica updated")]
    public async Task EveryDeploymentAvailable(PlatformComponent component)
    {
        if (component.Deployments.Count == 0)
            runtime.TestIgnore($"The phases of the {component.Name} component ({string.Join(", ", component.Phases)}) wait for no Deployment: nothing to check.");
        (await status.UnavailableDeploymentsAsync(component)).Should().BeEmpty();
    }

    [Then(@"^the Gateway ([a-z0-9-]+)/([a-z0-9-]+) is programmed at its current generation$")]
    public async Task GatewayProgrammed(string ns, string name) => (await status.GatewayProblemsAsync(ns, name)).Should().BeEmpty();

    [Then(@"^the Envoy proxy Deployment of the Gateway ([a-z0-9-]+)/([a-z0-9-]+) is available at its current generation, with every replica updated$")]
    public async Task ProxyAvailable(string ns, string name) => (await status.ProxyProblemsAsync(ns, name)).Should().BeEmpty();

    [Then(@"^the StatefulSet ([a-z0-9-]+)/([a-z0-9-]+) is ready at its current generation, with every replica updated$")]
    public async Task StatefulSetReady(string ns, string name) => (await status.StatefulSetProblemsAsync(ns, name)).Should().BeEmpty();

    [Then("every custom resource definition of the {PlatformComponent} component is established")]
    public async Task EveryCrdEstablished(PlatformComponent component)
    {
        // A check with nothing to look at cannot fail: it is skipped, saying why, rather than passed.
        if (component.Crds.Count == 0)
            runtime.TestIgnore($"The phases of the {component.Name} component ({string.Join(", ", component.Phases)}) wait for no custom resource definition: nothing to check.");
        (await status.UnestablishedCrdsAsync(component)).Should().BeEmpty();
    }

    [Given("the AI gateway is programmed on a Gateway of its own, which no model or issuer route shares")]
    public async Task AiGatewayOnItsOwn() => (await aiGateway.ProblemsAsync()).Should().BeEmpty();
}
