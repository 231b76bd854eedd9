using InferenceBox.Platform.Models;
using InferenceBox.Specs.Support.Serving;
using Reqnroll;
using Reqnroll.BoDi;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// Keeps the shared models at their steady state (the catalog's v1 at 100%, no canary): checked, and put back where it
/// differs, once before any scenario; and after a canary or A/B scenario that changed a model — after the failure diagnostics
/// are written (Reqnroll runs a hook event's hooks in ascending Order, reqnroll/Reqnroll@v3.3.3
/// Reqnroll/Infrastructure/TestExecutionEngine.cs), so the evidence shows what the canary left. Resolved lazily: a dry
/// run (no cluster, no model touched) never builds the drivers.
/// </summary>
[Binding]
public sealed class ServingHooks(IObjectContainer container)
{
    /// <summary>After <see cref="ScenarioHooks.DiagnoseThenCleanUp"/> (10 000), before the failure count (int.MaxValue).</summary>
    public const int RestoreOrder = 20_000;

    [BeforeTestRun(Order = 10)]
    public static async Task RestoreSharedModelsAsync()
    {
        if (RunHooks.Platform is not ({ } run, { } api) || run.Settings.DryRun) return;
        await SteadyState.RestoreAsync(new KServeDriver(api), run, ModelCatalog.OfRun);
    }

    [AfterScenario("canary", "ab-routing", Order = RestoreOrder)]
    public async Task RestoreV1()
    {
        var scenario = container.Resolve<ServingScenario>();
        if (scenario.Modified is { } versions) await container.Resolve<CanaryDriver>().ServeOnlyAsync(versions, "v1");
    }
}
