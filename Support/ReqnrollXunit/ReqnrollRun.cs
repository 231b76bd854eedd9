using System.Reflection;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Settings;
using Reqnroll;
using Reqnroll.Infrastructure;
using Xunit;

namespace InferenceBox.Specs.Support.ReqnrollXunit;

/// <summary>
/// The test run as Reqnroll sees it: started once before the first scenario ([BeforeTestRun]) and ended once
/// after the last ([AfterTestRun], formatter reports). A failure to start is kept and re-thrown by every
/// scenario with its real cause, instead of hiding behind a generic fixture error.
/// </summary>
public sealed class ReqnrollRun : IAsyncLifetime
{
    private static Exception? _startFailure;

    public static Assembly TestAssembly => typeof(ReqnrollRun).Assembly;
    public static IContainerBuilder ContainerBuilder { get; } = new BridgeContainerBuilder();
    public static bool DryRun { get; private set; }

    public async ValueTask InitializeAsync()
    {
        try
        {
            var settings = SettingsLoader.FromEnvironment();
            DryRun = settings.DryRun;
            ReportPaths.Configure(RunPaths.ResultsDir(settings));
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

/// <summary>Points Reqnroll's own HTML and NDJSON formatters into the results folder (unless the user chose).</summary>
internal static class ReportPaths
{
    public static void Configure(string resultsDir)
    {
        Directory.CreateDirectory(resultsDir);
        SetUnlessSet("REQNROLL_FORMATTERS_HTML", Path.Combine(resultsDir, "living-doc.html"));
        SetUnlessSet("REQNROLL_FORMATTERS_MESSAGE", Path.Combine(resultsDir, "cucumber-messages.ndjson"));
    }

    private static void SetUnlessSet(string variable, string path)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            Environment.SetEnvironmentVariable(variable, $"outputFilePath={path}");
    }
}
