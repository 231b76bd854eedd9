using Io.Cucumber.Messages.Types;
using InferenceBox.Specs.Support.Isolation;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>Every scenario of the suite, parsed (documents and pickles), whether or not the run selected it.</summary>
public sealed record SuiteCatalog(IReadOnlyList<GherkinDocument> Documents, IReadOnlyList<Pickle> Pickles)
{
    public static readonly SuiteCatalog Empty = new([], []);
}

/// <summary>One step of a scenario as it ran: keyword, text, Cucumber status, duration and any message.</summary>
public sealed record StepOutcome(string Keyword, string Text, string Status, double Seconds, string? Message);

/// <summary>One scenario (a Cucumber pickle) and how it ended; <see cref="Status"/> is passed, failed, skipped, not-run
/// (the run could not start) or not-selected (a filter left it out).
/// <see cref="Identity"/> is the one the scenario hook gave it at run time (its slug keys facts and diagnostics).</summary>
public sealed record ScenarioOutcome(
    ScenarioIdentity Identity, string Feature, string Uri, string Name, IReadOnlyList<string> FeatureTags, IReadOnlyList<string> Tags,
    string Status, double Seconds, string? SkipReason, StepOutcome? FirstFailure, IReadOnlyList<StepOutcome> Steps);

/// <summary>
/// The Cucumber messages of a run (Reqnroll's own envelopes, as its formatters receive them), indexed to give each
/// scenario's outcome: steps in order with their keyword from the Gherkin document, the scenario's status as Cucumber
/// ranks step results, the first failing step, and the reason of a skip.
/// </summary>
public sealed class RunMessages
{
    // cucumber/messages javascript/src/getWorstTestStepResult.ts: a test case is as bad as its worst step, in this order.
    private static readonly TestStepResultStatus[] Ranking =
    [
        TestStepResultStatus.UNKNOWN, TestStepResultStatus.PASSED, TestStepResultStatus.SKIPPED, TestStepResultStatus.PENDING,
        TestStepResultStatus.UNDEFINED, TestStepResultStatus.AMBIGUOUS, TestStepResultStatus.FAILED,
    ];

    // xUnit v3 marks a dynamic skip's message with this prefix (Xunit.Sdk.DynamicSkipToken.Value), removed for the reader.
    private const string DynamicSkipToken = "$XunitDynamicSkip$";

    private readonly List<Envelope> _all = [];

    public IReadOnlyList<Envelope> All => _all;

    public void Add(Envelope envelope) => _all.Add(envelope);

    public static RunMessages Of(IEnumerable<Envelope> envelopes)
    {
        var messages = new RunMessages();
        foreach (var envelope in envelopes) messages.Add(envelope);
        return messages;
    }

    public IEnumerable<Pickle> Pickles => _all.Where(e => e.Pickle is not null).Select(e => e.Pickle);
    public IEnumerable<ParseError> ParseErrors => _all.Where(e => e.ParseError is not null).Select(e => e.ParseError);
    public Meta? Meta => _all.FirstOrDefault(e => e.Meta is not null)?.Meta;
    public TestRunFinished? Finished => _all.FirstOrDefault(e => e.TestRunFinished is not null)?.TestRunFinished;
    public TestRunStarted? Started => _all.FirstOrDefault(e => e.TestRunStarted is not null)?.TestRunStarted;

    /// <summary>
    /// Every pickle of <paramref name="suite"/> (or, when it has none, the pickles in the messages) with its outcome. A
    /// pickle that never started is "not-run" when <paramref name="started"/> is false, else "not-selected".
    /// </summary>
    public IReadOnlyList<ScenarioOutcome> Outcomes(SuiteCatalog suite, bool started = true)
    {
        var documents = suite.Documents.Concat(_all.Where(e => e.GherkinDocument is not null).Select(e => e.GherkinDocument))
            .GroupBy(d => d.Uri).ToDictionary(g => g.Key, g => g.Last());
        var keywords = documents.Values.SelectMany(StepKeywords).ToDictionary(k => k.Id, k => k.Keyword);
        var scenarioNames = documents.Values.SelectMany(ScenarioNames).ToDictionary(s => s.Id, s => s.Name);
        var rows = documents.Values.SelectMany(ExampleRows).ToDictionary(r => r.Id, r => r.Values);
        var testCases = _all.Where(e => e.TestCase is not null).Select(e => e.TestCase).ToDictionary(t => t.Id);
        // The last attempt of each test case counts (a retried attempt says WillBeRetried).
        var attempts = _all.Where(e => e.TestCaseStarted is not null).Select(e => e.TestCaseStarted)
            .GroupBy(s => s.TestCaseId).ToDictionary(g => testCases[g.Key].PickleId, g => g.MaxBy(s => s.Attempt)!.Id);
        var results = _all.Where(e => e.TestStepFinished is not null).Select(e => e.TestStepFinished)
            .ToLookup(f => f.TestCaseStartedId);

        var outcomes = new List<ScenarioOutcome>();
        foreach (var pickle in suite.Pickles.Count > 0 ? suite.Pickles : Pickles)
        {
            var document = documents.GetValueOrDefault(pickle.Uri);
            var featureTags = document?.Feature?.Tags.Select(t => t.Name.TrimStart('@')).ToList() ?? [];
            var tags = pickle.Tags.Select(t => t.Name.TrimStart('@')).ToList();
            var feature = document?.Feature?.Name ?? pickle.Uri;
            // As ScenarioHooks builds it: the scenario's own name (an outline's, not the row's) and the row's values.
            var identity = ScenarioIdentity.For(feature, scenarioNames.GetValueOrDefault(pickle.AstNodeIds[0], pickle.Name),
                pickle.AstNodeIds.Skip(1).SelectMany(id => rows.GetValueOrDefault(id, [])));
            if (!attempts.TryGetValue(pickle.Id, out var startedId))
            {
                outcomes.Add(new(identity, feature, pickle.Uri, pickle.Name, featureTags, tags, started ? "not-selected" : "not-run", 0, null, null,
                    pickle.Steps.Select(s => new StepOutcome("", s.Text, "UNKNOWN", 0, null)).ToList()));
                continue;
            }
            var testCase = testCases.Values.First(t => t.PickleId == pickle.Id);
            var finished = results[startedId].ToDictionary(r => r.TestStepId, r => r.TestStepResult);
            var steps = new List<StepOutcome>();
            var hookResults = new List<TestStepResult>();
            foreach (var step in testCase.TestSteps)
            {
                if (!finished.TryGetValue(step.Id, out var result)) continue;
                if (step.PickleStepId is null) { hookResults.Add(result); continue; }
                var pickleStep = pickle.Steps.First(s => s.Id == step.PickleStepId);
                var keyword = pickleStep.AstNodeIds.Select(id => keywords.GetValueOrDefault(id)).FirstOrDefault(k => k is not null) ?? "";
                steps.Add(new(keyword.Trim(), pickleStep.Text, result.Status.ToString(), Seconds(result.Duration), MessageOf(result)));
            }
            var all = hookResults.Concat(finished.Values).ToList();
            // A case that started but ran no step was skipped before it began (the bridge's @ignore: SkipScenarioAsync).
            var worst = all.Count == 0 ? TestStepResultStatus.SKIPPED : all.MaxBy(r => Array.IndexOf(Ranking, r.Status))!.Status;
            var status = worst switch
            {
                TestStepResultStatus.PASSED => "passed",
                TestStepResultStatus.SKIPPED => "skipped",
                _ => "failed",
            };
            var skipReason = status == "skipped" ? SkipReason(all, tags) : null;
            var firstFailure = status == "failed"
                ? steps.FirstOrDefault(s => s.Status is not ("PASSED" or "SKIPPED"))
                  ?? new StepOutcome("Hook", "a hook", worst.ToString(), 0, hookResults.Select(MessageOf).FirstOrDefault(m => m is not null))
                : null;
            outcomes.Add(new(identity, feature, pickle.Uri, pickle.Name, featureTags, tags, status,
                all.Sum(r => Seconds(r.Duration)), skipReason, firstFailure, steps));
        }
        return outcomes;
    }

    private static string SkipReason(IEnumerable<TestStepResult> results, IReadOnlyList<string> tags) =>
        results.Select(MessageOf).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m))
        ?? (tags.Any(t => t.Equals("ignore", StringComparison.OrdinalIgnoreCase)) ? "Ignored (@ignore)" : "skipped; no reason was given");

    private static string? MessageOf(TestStepResult result)
    {
        var message = result.Exception?.Message ?? result.Message;
        if (string.IsNullOrWhiteSpace(message)) return null;
        if (message.StartsWith(DynamicSkipToken, StringComparison.Ordinal)) message = message[DynamicSkipToken.Length..];
        var firstLine = message.Split('\n')[0].TrimEnd();
        return firstLine.Length > 500 ? firstLine[..500] + "…" : firstLine;
    }

    private static double Seconds(Duration? d) => d is null ? 0 : d.Seconds + d.Nanos / 1e9;

    private static IEnumerable<Scenario> Scenarios(GherkinDocument document) =>
        document.Feature?.Children.SelectMany(c => (c.Rule?.Children.Select(r => r.Scenario) ?? []).Append(c.Scenario))
            .Where(s => s is not null) ?? [];

    private static IEnumerable<(string Id, string Name)> ScenarioNames(GherkinDocument document) =>
        Scenarios(document).Select(s => (s.Id, s.Name));

    private static IEnumerable<(string Id, IReadOnlyList<string> Values)> ExampleRows(GherkinDocument document) =>
        Scenarios(document).SelectMany(s => s.Examples).SelectMany(e => e.TableBody)
            .Select(row => (row.Id, (IReadOnlyList<string>)row.Cells.Select(c => c.Value).ToList()));

    private static IEnumerable<(string Id, string Keyword)> StepKeywords(GherkinDocument document)
    {
        if (document.Feature is null) yield break;
        foreach (var child in document.Feature.Children)
        {
            var inner = child.Rule?.Children.Select(c => (c.Background?.Steps, c.Scenario?.Steps)) ?? [];
            foreach (var (background, scenario) in inner.Append((child.Background?.Steps, child.Scenario?.Steps)))
                foreach (var step in (background ?? []).Concat(scenario ?? []))
                    yield return (step.Id, step.Keyword);
        }
    }
}
