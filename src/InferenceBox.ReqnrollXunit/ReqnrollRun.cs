using System.Reflection;
using Reqnroll;
using Reqnroll.Infrastructure;
using Xunit;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// The test run as Reqnroll sees it: started once before the first scenario ([BeforeTestRun]) and ended once
/// after the last ([AfterTestRun], formatter reports). A failure to start is kept and re-thrown by every
/// scenario with its real cause, instead of hiding behind a generic fixture error.
/// </summary>
public abstract class ReqnrollRun : IAsyncLifetime
{
    private static Exception? _startFailure;

    public static Assembly TestAssembly { get; private set; } = null!;
    public static IContainerBuilder ContainerBuilder { get; } = new BridgeContainerBuilder();
    public static bool DryRun { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            TestAssembly = GetType().Assembly;
            var variable = TestAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ReqnrollXunit.DryRunVariable")?.Value ?? "REQNROLL_XUNIT_DRY_RUN";
            DryRun = bool.TryParse(Environment.GetEnvironmentVariable(variable), out var dry) && dry;
            await TestRunnerManager.OnTestRunStartAsync(TestAssembly, ContainerBuilder);
        }
        catch (Exception e)
        {
            _startFailure = RootCause(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FeatureLifetimes.ReleaseAllAsync();
        await TestRunnerManager.OnTestRunEndAsync(TestAssembly, ContainerBuilder);
    }

    internal static void ThrowIfStartFailed()
    {
        if (_startFailure is not null)
            throw new TestRunStartException(_startFailure);
    }

    private static Exception RootCause(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => RootCause(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => RootCause(aggregate.InnerExceptions[0]),
        _ when e.GetType().Name == "HookFailedException" && e.InnerException is { } inner => RootCause(inner),
        _ => e,
    };
}

/// <summary>The run could not start: every scenario reports this one cause.</summary>
public sealed class TestRunStartException(Exception cause)
    : Exception($"The test run could not start: {cause.Message}", cause);
