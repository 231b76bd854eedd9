using Reqnroll.Bindings;
using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Builds Reqnroll's containers with the bridge's runtime plugin registered from code.</summary>
internal sealed class BridgeContainerBuilder : ContainerBuilder
{
    protected override void RegisterDefaults(ObjectContainer container)
    {
        base.RegisterDefaults(container);
        container.RegisterInstanceAs<IRuntimePlugin>(new BridgePlugin(), BridgePlugin.Name);
    }
}

/// <summary>
/// The unit-test provider Reqnroll needs (ignore → xUnit skip, pending/inconclusive → failure with Reqnroll's
/// message and snippet), a trace listener that writes every step to the xUnit test output, and, in a dry
/// run, an invoker that matches and converts every step but does not run step bodies.
/// </summary>
internal sealed class BridgePlugin : IRuntimePlugin
{
    public const string Name = "inferencebox-xunit-bridge";

    public void Initialize(RuntimePluginEvents events, RuntimePluginParameters parameters, UnitTestProviderConfiguration provider)
    {
        provider.UseUnitTestProvider(Name);
        events.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<XunitRuntimeProvider, IUnitTestRuntimeProvider>(Name);
        events.CustomizeGlobalDependencies += (_, e) =>
        {
            if (ReqnrollRun.DryRun) e.ObjectContainer.RegisterTypeAs<DryRunBindingInvoker, IAsyncBindingInvoker>();
        };
        events.CustomizeTestThreadDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<XunitOutputTraceListener, ITraceListener>();
    }
}

internal sealed class XunitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new ScenarioNotRunnableException(message);

    public void TestInconclusive(string message) => throw new ScenarioNotRunnableException(message);

    public void TestIgnore(string message) => Xunit.Assert.Skip(message);

    public Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is Xunit.Sdk.SkipException ? Reqnroll.ScenarioExecutionStatus.Skipped : null;
}

/// <summary>A scenario with undefined, ambiguous or pending steps: carries Reqnroll's message and snippet.</summary>
public sealed class ScenarioNotRunnableException(string message) : Exception(message);

internal sealed class XunitOutputTraceListener : ITraceListener
{
    public void WriteTestOutput(string message) => Xunit.TestContext.Current.TestOutputHelper?.WriteLine(message);

    public void WriteToolOutput(string message) => Xunit.TestContext.Current.TestOutputHelper?.WriteLine("-> " + message);
}

/// <summary>
/// Dry run: Reqnroll has already matched the step in its binding registry and converted its arguments
/// before it calls the invoker, so skipping only the step-definition call keeps every binding error real.
/// Hooks and argument transformations still run.
/// </summary>
internal sealed class DryRunBindingInvoker(BindingInvoker inner) : IAsyncBindingInvoker
{
    public Task<object> InvokeBindingAsync(IBinding binding, IContextManager contextManager, object[] arguments,
        ITestTracer testTracer, DurationHolder durationHolder)
    {
        if (binding is not IStepDefinitionBinding)
            return inner.InvokeBindingAsync(binding, contextManager, arguments, testTracer, durationHolder);
        durationHolder.Duration = TimeSpan.Zero;
        return Task.FromResult<object>(null!);
    }
}
