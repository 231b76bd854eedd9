using InferenceBox.Specs.Support.Reporting;
using Reqnroll.Events;
using Reqnroll.Formatters;
using Reqnroll.Plugins;

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// Plugs the run's reporting into Reqnroll, from the results-folder plugin: the conformance formatter beside Reqnroll's
/// own (registered by name, as the formatters of reqnroll/Reqnroll@v3.3.3:Reqnroll/Infrastructure/DefaultDependencyProvider.cs
/// are; reqnroll.json enables it), and the live step view on each test thread's event publisher.
/// </summary>
public static class ReportingPlugin
{
    public static void Initialize(RuntimePluginEvents events)
    {
        events.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<ConformanceFormatter, ICucumberMessageFormatter>(ConformanceFormatter.FormatterName);
        events.CustomizeTestThreadDependencies += (_, e) =>
            e.ObjectContainer.Resolve<ITestThreadExecutionEventPublisher>().AddListener(new StepNarrator(() => RunFacts.Current.Progress));
    }
}
