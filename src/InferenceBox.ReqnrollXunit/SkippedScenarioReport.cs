using System.Collections.Concurrent;
using Cucumber.Messages;
using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters;
using Reqnroll.Formatters.PubSub;
using Reqnroll.Time;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Puts the scenarios xUnit reports without running them into the formatters' messages, each with its one-line reason:
/// an ignored scenario ("Ignored (@ignore)") and, when the test run could not start for a known reason, every scenario
/// (<see cref="RunStartNotice.Line"/>). The official integration gives an ignored scenario Skip = "Ignored"
/// (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs,
/// SetTestMethodIgnore), so xUnit never runs it and Reqnroll never hears of it: the living doc shows its pickle without a
/// result, or nothing when no other scenario of its feature ran. The bridge skips it the same way, and adds what xUnit
/// reports: a test case whose steps are skipped, the first carrying the reason (the HTML shows a step result's message
/// under the step: Cucumber.HtmlFormatter 22.2.0's bundled react components; a scenario without steps shows none).
/// It sits in front of Reqnroll's broker (reqnroll/Reqnroll@v3.3.3:Reqnroll/Formatters/PubSub/CucumberMessageBroker.cs),
/// sees which pickles Reqnroll published and the test run's id, and publishes these test cases just before
/// TestRunFinished, the last message of a run (Reqnroll/Formatters/PubSub/CucumberMessagePublisher.cs, PublisherTestRunCompleteAsync).
/// </summary>
internal sealed class SkippedScenarioReport(FilteringMessageBroker inner, IIdGenerator ids) : ICucumberMessageBroker
{
    private static readonly ConcurrentQueue<(string Feature, int PickleIndex, string? Reason, DateTime SkippedAt)> Skipped = new();
    private readonly ConcurrentDictionary<string, bool> _publishedPickles = new();
    private string? _testRunStartedId;

    /// <summary>Called when xUnit reports a scenario without running it; the reason null means "ignored, by its tag".
    /// <paramref name="clock"/> is Reqnroll's, as for every other message.</summary>
    public static void Record(string feature, int pickleIndex, string? reason, IClock clock) =>
        Skipped.Enqueue((feature, pickleIndex, reason, clock.GetNowDateAndTime()));

    public bool IsEnabled => inner.IsEnabled;

    public void Initialize() => inner.Initialize();

    public void FormatterInitialized(ICucumberMessageFormatter formatterSink, bool enabled) => inner.FormatterInitialized(formatterSink, enabled);

    public async Task PublishAsync(Envelope message)
    {
        if (message.TestRunStarted is { } started) _testRunStartedId = started.Id;
        if (message.Pickle is { } pickle) _publishedPickles[pickle.Id] = true;
        if (message.TestRunFinished is not null)
            while (Skipped.TryDequeue(out var skipped)) await PublishSkippedAsync(skipped.Feature, skipped.PickleIndex, skipped.Reason, skipped.SkippedAt);
        await inner.PublishAsync(message);
    }

    private async Task PublishSkippedAsync(string featureFile, int pickleIndex, string? reason, DateTime skippedAt)
    {
        var feature = ParsedFeature.Get(ReqnrollRun.TestAssembly, featureFile);
        var pickle = feature.PickleList[pickleIndex];
        if (!_publishedPickles.ContainsKey(pickle.Id)) await PublishFeatureAsync(feature);

        var at = Converters.ToTimestamp(skippedAt.ToUniversalTime());
        var steps = pickle.Steps.Select(s => new TestStep(null, ids.GetNewId(), s.Id, [], [])).ToList();
        var testCase = new TestCase(ids.GetNewId(), pickle.Id, steps, _testRunStartedId);
        var started = new TestCaseStarted(0, ids.GetNewId(), testCase.Id, null, at);
        await inner.PublishAsync(Envelope.Create(testCase));
        await inner.PublishAsync(Envelope.Create(started));
        reason ??= $"Ignored ({pickle.Tags.First(t => ScenarioDiscoverer.HasIgnoreTag([t.Name])).Name})";
        foreach (var step in steps)
        {
            var message = step == steps[0] ? reason : null;
            await inner.PublishAsync(Envelope.Create(new TestStepStarted(started.Id, step.Id, at)));
            await inner.PublishAsync(Envelope.Create(new TestStepFinished(started.Id, step.Id,
                new TestStepResult(Converters.ToDuration(TimeSpan.Zero), message, TestStepResultStatus.SKIPPED, null), at)));
        }
        await inner.PublishAsync(Envelope.Create(new TestCaseFinished(started.Id, at, false)));
    }

    /// <summary>A feature no scenario of which ran: its messages as Reqnroll's FeatureExecutionTracker would have published them.</summary>
    private async Task PublishFeatureAsync(ParsedFeature feature)
    {
        await inner.PublishAsync(Envelope.Create(feature.Source));
        await inner.PublishAsync(Envelope.Create(feature.GherkinDocument));
        foreach (var pickle in feature.PickleList)
        {
            _publishedPickles[pickle.Id] = true;
            await inner.PublishAsync(Envelope.Create(pickle));
        }
    }
}
