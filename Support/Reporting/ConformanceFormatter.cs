using Io.Cucumber.Messages.Types;
using InferenceBox.ReqnrollXunit;
using InferenceBox.Specs.Support.Run;
using Reqnroll.Formatters;
using Reqnroll.Formatters.Configuration;
using Reqnroll.Formatters.RuntimeSupport;
using Reqnroll.Utils;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// A Reqnroll formatter (configured in reqnroll.json as "conformance", beside "html" and "message"): it receives the
/// run's Cucumber messages as Reqnroll's own formatters do (reqnroll/Reqnroll@v3.3.3:Reqnroll/Formatters/
/// FileWritingFormatterBase.cs, Message/MessageFormatter.cs), and when the last one (TestRunFinished) arrives, after
/// every [AfterTestRun] hook, writes conformance-report.json to the configured path and conformance-report.md beside it.
/// </summary>
public sealed class ConformanceFormatter(IFormattersConfigurationProvider configuration, IFormatterLog logger, IFileSystem fileSystem)
    : FileWritingFormatterBase(configuration, logger, fileSystem, Name, ".json", ResultsFolder.ReportJson)
{
    public new const string Name = "conformance";
    private readonly RunMessages _messages = new();
    private string _path = ResultsFolder.ReportJson;

    protected override void FinalizeInitialization(string outputPath, IDictionary<string, object> formatterConfiguration, Action<bool> onInitialized)
    {
        _path = outputPath;
        base.FinalizeInitialization(outputPath, formatterConfiguration, onInitialized);
    }

    protected override void OnTargetFileStreamInitialized(Stream targetFileStream) { }

    protected override void OnTargetFileStreamDisposing() { }

    protected override async Task WriteToFile(Envelope envelope, CancellationToken cancellationToken)
    {
        _messages.Add(envelope);
        if (envelope.TestRunFinished is null || TargetFileStream is null) return;
        var report = await ReportWriter.BuildAsync(RunFacts.Current, _messages, Suite(), cancellationToken);
        await using (var writer = new StreamWriter(TargetFileStream, leaveOpen: true)) await writer.WriteAsync(report.ToJson());
        await ReportWriter.WriteMarkdownAsync(report, _path, cancellationToken);
        ReportWriter.Announce(RunFacts.Current, report, _path);
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
