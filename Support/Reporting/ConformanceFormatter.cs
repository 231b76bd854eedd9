using Io.Cucumber.Messages.Types;
using InferenceBox.ReqnrollXunit;
using InferenceBox.Platform.Run;
using Reqnroll.Formatters;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Formatters.RuntimeSupport;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// A Reqnroll formatter (configured in reqnroll.json as "conformance", beside "html" and "message"): it receives the
/// run's Cucumber messages as Reqnroll's own formatters do (reqnroll/Reqnroll@v3.3.3:Reqnroll/Formatters/FormatterBase.cs,
/// Message/MessageFormatter.cs), and when the last one (TestRunFinished) arrives, after every [AfterTestRun] hook, writes
/// conformance-report.json to the configured path and conformance-report.md beside it. A run that cannot start has its
/// report written once by the run hook (every scenario "not run", with the cause): the bridge still ends that run, and
/// the scenarios it then lists as skipped must not overwrite that report or print its summary a second time.
/// </summary>
public sealed class ConformanceFormatter(IFormattersConfigurationProvider configuration, IFormatterLog logger)
    : FormatterBase(configuration, logger, FormatterName)
{
    public const string FormatterName = "conformance";
    private readonly IFormattersConfigurationProvider _configuration = configuration;
    private readonly RunMessages _messages = new();
    private string _path = ResultsFolder.ReportJson;

    public override void LaunchInner(IDictionary<string, object> formatterConfiguration, Action<bool> onAfterInitialization)
    {
        var configured = formatterConfiguration.TryGetValue("outputFilePath", out var value) ? value?.ToString() : null;
        _path = Path.GetFullPath(_configuration.ResolveTemplatePlaceholders(string.IsNullOrWhiteSpace(configured) ? ResultsFolder.ReportJson : configured));
        onAfterInitialization(true);
    }

    protected override async Task ConsumeAndFormatMessagesBackgroundTask(CancellationToken cancellationToken)
    {
        await foreach (var envelope in PostedMessages.Reader.ReadAllAsync(cancellationToken))
        {
            _messages.Add(envelope);
            if (envelope.TestRunFinished is null || RunFacts.Current.StartFailure is not null) continue;
            var report = await ReportWriter.BuildAsync(RunFacts.Current, _messages, Suite(), cancellationToken);
            await ReportWriter.WriteAsync(report, _path, cancellationToken);
            ReportWriter.Announce(RunFacts.Current, report, _path);
        }
    }

    // Every scenario of the suite, as the bridge parsed it (the pickles Reqnroll publishes are these same objects), so
    // the report also lists the scenarios a tag filter left out or a failed start never ran.
    public static SuiteCatalog Suite()
    {
        if (ReqnrollRun.TestAssembly is not { } assembly) return SuiteCatalog.Empty;
        var features = FeatureFiles.Of(assembly).Select(f => ParsedFeature.Get(assembly, f)).Where(f => f.HasMessages).ToList();
        return new SuiteCatalog(features.Select(f => f.GherkinDocument).ToList(), features.SelectMany(f => f.PickleList).ToList());
    }
}
