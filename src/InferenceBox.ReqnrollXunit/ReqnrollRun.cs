using System.Reflection;
using Reqnroll;
using Reqnroll.Infrastructure;
using Xunit;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// The test run as Reqnroll sees it: started once before the first scenario ([BeforeTestRun]) and ended once after the
/// last ([AfterTestRun], formatter reports), as the assembly fixture of the xUnit v3 plugin does
/// (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/AssemblyHooksTemplates/xUnit3.AssemblyHooks.cs). The
/// props file generates the subclass in the test assembly. A failure to start is kept: a known one
/// (<see cref="IRunStartFailure"/>) is printed once, kept in run-start.txt (<see cref="RunStartNotice"/>), and every
/// scenario is reported not run with one line pointing to it; any other is reported by
/// every scenario with its real cause.
/// </summary>
public abstract class ReqnrollRun : IAsyncLifetime
{
    public const string DryRunNote =
        "DRY RUN: every step is bound and every step class built, but no step body ran; a pass here means \"bound\", not \"works\".";

    public static Assembly TestAssembly { get; private set; } = null!;
    public static IContainerBuilder ContainerBuilder { get; } = new BridgeContainerBuilder();
    public static bool DryRun { get; private set; }
    public static Exception? StartFailure { get; private set; }

    public async ValueTask InitializeAsync()
    {
        TestAssembly = GetType().Assembly;
        DryRun = BridgeSettings.For(TestAssembly).DryRun;
        if (DryRun) TestContext.Current.SendDiagnosticMessage("{0}", DryRunNote);
        try
        {
            await TestRunnerManager.OnTestRunStartAsync(TestAssembly, ContainerBuilder);
        }
        catch (Exception e)
        {
            StartFailure = RootCause(e);
            if (StartFailure is IRunStartFailure known) RunStartNotice.Keep(new RunCouldNotStart(known), BridgePlugin.GlobalContainer);
        }
        await ParseErrorReport.PublishAsync(TestAssembly);
    }

    /// <summary>Ends the test run whether or not it started: the official assembly fixture's DisposeAsync has no condition
    /// either, and Reqnroll would otherwise end it only at process exit (reqnroll/Reqnroll@v3.3.3:Reqnroll/TestRunnerManager.cs,
    /// its ProcessExit handler). So the reports get their last messages, the scenarios not run among them, here.</summary>
    public async ValueTask DisposeAsync()
    {
        await TestRunnerManager.OnTestRunEndAsync(TestAssembly, ContainerBuilder);
        if (DryRun && StartFailure is null) TestContext.Current.SendDiagnosticMessage("{0}", "DRY RUN finished: the results above say which steps bind, not whether the system works.");
    }

    internal static void ThrowIfStartFailed()
    {
        if (StartFailure is not null and not IRunStartFailure)
            throw new TestRunStartException(StartFailure);
    }

    private static Exception RootCause(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => RootCause(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => RootCause(aggregate.InnerExceptions[0]),
        _ when e.GetType().Name == "HookFailedException" && e.InnerException is { } inner => RootCause(inner),
        _ => e,
    };
}

/// <summary>The run could not start for a reason the bridge does not know: every scenario reports this one cause.</summary>
public sealed class TestRunStartException(Exception cause)
    : Exception($"The test run could not start: {cause.Message}", cause);
