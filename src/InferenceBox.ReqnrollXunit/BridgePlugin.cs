using Reqnroll;
using Reqnroll.BoDi;
using Reqnroll.Formatters;
using Reqnroll.Formatters.PubSub;
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
/// What the xUnit v3 plugin registers (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/RuntimePlugin.cs):
/// the unit-test provider, a trace listener writing to the test's output, and the attachment handler that
/// IReqnrollOutputHelper needs. In front of Reqnroll's message broker: the report of scenarios xUnit does not run,
/// then the test project's <see cref="IOutputFilter"/> in front of every formatter. In a dry run, also the invoker that
/// builds step classes but runs no step body, and an HTML living doc that says it is a dry run.
/// </summary>
internal sealed class BridgePlugin : IRuntimePlugin
{
    public const string Name = "xunit3";

    /// <summary>Reqnroll's global container of this run, once the plugin has seen it.</summary>
    public static IObjectContainer? GlobalContainer { get; private set; }

    public void Initialize(RuntimePluginEvents events, RuntimePluginParameters parameters, UnitTestProviderConfiguration provider)
    {
        provider.UseUnitTestProvider(Name);
        events.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<XunitRuntimeProvider, IUnitTestRuntimeProvider>(Name);
        events.CustomizeGlobalDependencies += (_, e) =>
        {
            GlobalContainer = e.ObjectContainer;
            // The scenarios xUnit reports without running them, published through the filtering broker, so the test
            // project's IOutputFilter (if any) stands in front of every formatter for those messages too.
            e.ObjectContainer.RegisterTypeAs<SkippedScenarioReport, ICucumberMessageBroker>();
            if (!ReqnrollRun.DryRun) return;
            e.ObjectContainer.RegisterTypeAs<DryRunBindingInvoker, Reqnroll.Bindings.IAsyncBindingInvoker>();
            e.ObjectContainer.RegisterTypeAs<DryRunHtmlFormatter, ICucumberMessageFormatter>("html");
        };
        events.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<XunitTraceListener, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<ReqnrollAttachmentHandler, IReqnrollAttachmentHandler>();
        };
    }
}

/// <summary>reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/XUnit3RuntimeProvider.cs, message prefixes included.</summary>
internal sealed class XunitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new XunitPendingException($"Test pending: {message}");

    public void TestInconclusive(string message) => throw new XunitInconclusiveException($"Test inconclusive: {message}");

    public void TestIgnore(string message) => Xunit.Assert.Skip(message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is Xunit.Sdk.SkipException ? ScenarioExecutionStatus.Skipped : null;
}

/// <summary>A pending step (XUnitPendingException of the xUnit v3 plugin): an xUnit failure without the exception type in front.</summary>
public sealed class XunitPendingException(string message) : Xunit.Sdk.XunitException(message);

/// <summary>An inconclusive step (XUnitInconclusiveException of the xUnit v3 plugin).</summary>
public sealed class XunitInconclusiveException(string message) : Xunit.Sdk.XunitException(message);

/// <summary>
/// reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/XUnit3TraceListener.cs: writes to the ITestOutputHelper
/// registered in the scenario container, else to Reqnroll's default (console) listener.
/// </summary>
internal sealed class XunitTraceListener(ITraceListenerQueue queue, IObjectContainer container) : AsyncTraceListener(queue, container)
{
    private readonly Lazy<IContextManager> _contextManager = new(container.Resolve<IContextManager>);

    public override void WriteTestOutput(string message)
    {
        if (Output() is { } output) output.WriteLine(message);
        else base.WriteTestOutput(message);
    }

    public override void WriteToolOutput(string message)
    {
        if (Output() is { } output) output.WriteLine("-> " + message);
        else base.WriteToolOutput(message);
    }

    private Xunit.ITestOutputHelper? Output() =>
        _contextManager.Value.ScenarioContext?.ScenarioContainer is { } scenario && scenario.IsRegistered<Xunit.ITestOutputHelper>()
            ? scenario.Resolve<Xunit.ITestOutputHelper>()
            : null;
}
