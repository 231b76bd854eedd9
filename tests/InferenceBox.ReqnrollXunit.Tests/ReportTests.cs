using Io.Cucumber.Messages.Types;

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
        CucumberMessages.ResultsOf(messages, "Ignored with a capital").Select(r => (r.Status, (string?)r.Message))
            .Should().Equal((TestStepResultStatus.SKIPPED, "Ignored (@Ignore)"), (TestStepResultStatus.SKIPPED, null));
        // A feature whose every scenario is ignored never starts, yet its scenarios are in the reports too.
        CucumberMessages.ResultsOf(messages, "Left out").Select(r => (r.Status, (string?)r.Message))
            .Should().Equal((TestStepResultStatus.SKIPPED, "Ignored (@ignore)"), (TestStepResultStatus.SKIPPED, null));
        var html = File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html"));
        html.Should().Contain("Ignored (@Ignore)").And.Contain("Ignored (@IGNORE)").And.Contain("Ignored (@ignore)");
    }
}
