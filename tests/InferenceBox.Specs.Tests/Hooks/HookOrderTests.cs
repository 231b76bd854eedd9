using System.Reflection;
using InferenceBox.Specs.Hooks;
using Reqnroll;

namespace InferenceBox.Specs.Tests.Hooks;

/// <summary>
/// Issue 17 item 14: the evidence of a failed scenario must show the platform as the scenario left it. Reqnroll runs
/// the hooks of one event in ascending Order (reqnroll/Reqnroll@v3.3.3 Reqnroll/Infrastructure/TestExecutionEngine.cs:
/// <c>uniqueMatchingHooks.OrderBy(x =&gt; x.HookOrder)</c>; the mirror has no v3.3.4 tag), so a hook that changes the
/// platform back must carry a higher Order than the one that writes the diagnostics.
/// </summary>
public sealed class HookOrderTests
{
    [Fact]
    public void The_canary_restore_runs_after_the_diagnostics_are_written()
    {
        var diagnostics = Order(typeof(ScenarioHooks), nameof(ScenarioHooks.DiagnoseThenCleanUp));
        var restore = Order(typeof(ServingHooks), nameof(ServingHooks.RestoreV1));

        restore.Should().BeGreaterThan(diagnostics, "a restored model in the evidence hides what the failed canary left");
    }

    private static int Order(Type hooks, string method) =>
        hooks.GetMethod(method)!.GetCustomAttribute<AfterScenarioAttribute>()!.Order;
}
