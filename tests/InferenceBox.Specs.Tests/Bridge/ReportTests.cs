using FluentAssertions;

namespace InferenceBox.Specs.Tests.Bridge;

[Collection(FixtureSuiteCollection.Name)]
public sealed class ReportTests(FixtureSuite suite)
{
    [Fact]
    public async Task Reqnroll_writes_the_living_doc_and_messages_into_the_results_folder()
    {
        var run = await suite.RunAsync("report", null, "--filter", "Category=small");
        var html = Path.Combine(run.ResultsDir, "living-doc.html");
        var ndjson = Path.Combine(run.ResultsDir, "cucumber-messages.ndjson");
        File.Exists(html).Should().BeTrue($"the HTML living doc is written to {html}");
        File.ReadAllText(ndjson).Should().Contain("\"testCaseFinished\"").And.Contain("Adding 1");
        File.ReadAllText(html).Should().Contain("Adding 2");
    }
}
