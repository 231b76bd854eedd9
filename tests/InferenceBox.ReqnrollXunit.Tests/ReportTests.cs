using FluentAssertions;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>The living doc shows every scenario xUnit counts: ignored ones and parse errors too, each with its reason.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class ReportTests(FixtureSuite suite)
{
    [Fact]
    public async Task Ignored_scenarios_and_parse_errors_are_in_the_html_with_their_reason()
    {
        var run = await FullRun.Of(suite);
        var html = File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html"));
        // An ignored scenario is listed as skipped, with the tag that ignores it (the reason) beside its name.
        html.Should().Contain("Ignored with a capital").And.Contain("\"@Ignore\"").And.Contain("\"@IGNORE\"");
        var messages = File.ReadAllText(Path.Combine(FullRun.Reports(run), "messages.ndjson"));
        messages.Should().Contain("\"status\":\"SKIPPED\"");
        html.Should().Contain("Features/broken.feature").And.Contain("parseError");
        html.Should().Contain("Feature file already contains a scenario with name 'Same name'");
    }
}
