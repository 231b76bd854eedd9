using InferenceBox.Specs.Support.Serving;
using Reqnroll;
using Reqnroll.BoDi;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// After a canary scenario that changed a model, put v1 back at 100% so later scenarios see the model the
/// catalog promises. Resolved lazily: a dry run (no cluster, no model touched) never builds the drivers.
/// </summary>
[Binding]
public sealed class ServingHooks(IObjectContainer container)
{
    [AfterScenario("canary", Order = 5_000)]
    public async Task RestoreV1()
    {
        var scenario = container.Resolve<ServingScenario>();
        if (scenario.Modified is { } versions) await container.Resolve<CanaryDriver>().ServeOnlyAsync(versions, "v1");
    }
}
