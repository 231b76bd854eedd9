namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>
/// A test project's IOutputFilter is applied to every report the bridge feeds: the TRX's message and output of a failed
/// scenario and the formatters' files (the fixture's filter hides "fixture-secret-…", tests/ReqnrollXunit.Fixture).
/// </summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class FilterTests(FixtureSuite suite)
{
    private const string Secret = "fixture-secret-4f2a9c";

    [Fact]
    public async Task The_output_filter_is_applied_to_the_trx_and_the_formatters()
    {
        var run = await FullRun.Of(suite);
        var failed = run.Case("Filtered: A secret in the output and the failure");

        failed.Outcome.Should().Be("Failed", "the filter must not change the outcome");
        failed.Message.Should().Contain("the token was <filtered>").And.NotContain(Secret);
        failed.Output.Should().Contain("xunit says <filtered>").And.Contain("reqnroll says <filtered>").And.NotContain(Secret);
        File.ReadAllText(Path.Combine(FullRun.Reports(run), "messages.ndjson")).Should().NotContain(Secret, "the message formatter is fed by the filtered broker")
            .And.Contain("the token was <filtered>", "the step's failure is still reported, filtered");
        File.ReadAllText(Path.Combine(FullRun.Reports(run), "report.html")).Should().NotContain(Secret, "the HTML formatter is fed by the filtered broker");
        run.Case("Outcomes: Failing").Message.Should().Contain("Assert.Equal() Failure", "a failure the filter leaves alone keeps its message");
    }
}
