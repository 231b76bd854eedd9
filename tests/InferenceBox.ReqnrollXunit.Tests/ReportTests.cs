using FluentAssertions;
using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.PayloadProcessing;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>The living doc shows every scenario xUnit counts: ignored ones and parse errors too, each with its reason.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class ReportTests(FixtureSuite suite)
{
    [Fact]
    public async Task Parse_errors_are_in_the_html_with_their_reason()
    {
        var run = await FullRun.Of(suite);
        var html = File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html"));
        html.Should().Contain("Features/broken.feature").And.Contain("parseError");
        html.Should().Contain("Feature file already contains a scenario with name 'Same name'");
    }

    [Fact]
    public async Task An_ignored_scenario_is_in_the_reports_as_skipped_with_its_reason()
    {
        // xUnit reports it skipped with "Ignored" (the official generator's Skip reason); the formatters get a test case
        // whose steps are skipped, the first with the reason and the tag that ignores it, which the HTML shows under it.
        var run = await FullRun.Of(suite);
        var messages = Path.Combine(FullRun.Reports(run), "messages.ndjson");
        ResultsOf(messages, "Ignored with a capital").Select(r => (r.Status, (string?)r.Message))
            .Should().Equal((TestStepResultStatus.SKIPPED, "Ignored (@Ignore)"), (TestStepResultStatus.SKIPPED, null));
        // A feature whose every scenario is ignored never starts, yet its scenarios are in the reports too.
        ResultsOf(messages, "Left out").Select(r => (r.Status, (string?)r.Message))
            .Should().Equal((TestStepResultStatus.SKIPPED, "Ignored (@ignore)"), (TestStepResultStatus.SKIPPED, null));
        var html = File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html"));
        html.Should().Contain("Ignored (@Ignore)").And.Contain("Ignored (@IGNORE)").And.Contain("Ignored (@ignore)");
    }

    /// <summary>The step results of the one test case of the pickle named <paramref name="pickle"/>.</summary>
    private static List<TestStepResult> ResultsOf(string ndjson, string pickle)
    {
        var envelopes = File.ReadLines(ndjson).Where(l => l.Length > 0).Select(NdjsonSerializer.Deserialize).ToList();
        var pickleId = envelopes.Select(e => e.Pickle).OfType<Pickle>().Single(p => p.Name == pickle).Id;
        var testCase = envelopes.Select(e => e.TestCase).OfType<TestCase>().Where(c => c.PickleId == pickleId)
            .Should().ContainSingle($"'{pickle}' has one test case in the messages").Subject;
        var started = envelopes.Select(e => e.TestCaseStarted).OfType<TestCaseStarted>().Single(s => s.TestCaseId == testCase.Id).Id;
        var finished = envelopes.Select(e => e.TestStepFinished).OfType<TestStepFinished>().Where(f => f.TestCaseStartedId == started)
            .ToDictionary(f => f.TestStepId, f => f.TestStepResult);
        return testCase.TestSteps.Select(s => finished[s.Id]).ToList();
    }
}
