using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using Reqnroll;
using Reqnroll.BoDi;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// Per-scenario isolation: gives each scenario its identity (for unique names), and after it ends writes the
/// failure diagnostics FIRST, then deletes what the scenario created and waits until it is gone — unless the
/// scenario failed and INFERENCEBOX_KEEP_ON_FAILURE asks to keep it. Nothing happens in a dry run.
/// </summary>
[Binding]
public sealed class ScenarioHooks(IObjectContainer container, ScenarioContext scenario, FeatureContext feature)
{
    [BeforeScenario(Order = 100)]
    public void GiveTheScenarioItsIdentity()
    {
        var examples = scenario.ScenarioInfo.Arguments.Values.Cast<object?>().Select(v => v?.ToString() ?? "");
        container.RegisterInstanceAs(ScenarioIdentity.For(feature.FeatureInfo.Title, scenario.ScenarioInfo.Title, examples));
        // Lazy: resolved only when a step needs the gateway, after the run hook has registered RunContext.
        container.RegisterFactoryAs<GatewayDriver>(c => new GatewayDriver(c.Resolve<RunContext>(), c.Resolve<ScenarioTimeline>(),
            c.Resolve<Support.Gateway.Tls.GatewayTrust>().HttpClient));
    }

    [AfterScenario(Order = 10_000)]
    public async Task DiagnoseThenCleanUp()
    {
        if (container.Resolve<InferenceBoxSettings>().DryRun) return;
        var cluster = container.IsRegistered<ClusterApi>() ? container.Resolve<ClusterDriver>() : null;
        await ScenarioTeardown.RunAsync(container.Resolve<RunContext>(), container.Resolve<ScenarioIdentity>(), scenario.TestError,
            container.Resolve<ScenarioTimeline>(), container.Resolve<ScenarioResources>(), cluster, cluster is null ? null : cluster.DeleteAndWaitAsync);
    }
}
