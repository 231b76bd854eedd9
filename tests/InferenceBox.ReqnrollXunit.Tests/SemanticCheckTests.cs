namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>Reqnroll's semantic checks of a feature file (reqnroll/Reqnroll@v3.3.3:Reqnroll.Parser/SemanticValidators/*).</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class SemanticCheckTests(FixtureSuite suite)
{
    [Theory]
    [InlineData("duplicate-scenarios", "Features/Semantics/duplicate-scenarios.feature(7:3): Feature file already contains a scenario with name 'Same name'")]
    [InlineData("duplicate-examples", "Features/Semantics/duplicate-examples.feature(11:5): Scenario Outline 'Twice named' already contains an example with name 'same'")]
    [InlineData("empty-examples", "Features/Semantics/empty-examples.feature(4:3): Scenario Outline 'Nothing to run' has no examples defined")]
    public async Task A_semantic_error_is_one_failing_case_with_Reqnroll_s_message(string file, string message)
    {
        var failure = (await FullRun.Of(suite)).Case($"Features/Semantics/{file}.feature: Gherkin parse error");
        failure.Outcome.Should().Be("Failed");
        failure.Message.Should().Contain(message);
    }

    [Fact]
    public async Task An_empty_a_comment_only_and_a_scenario_less_feature_give_no_test_case()
    {
        // TestGenerator.cs generates nothing for a document without a feature; a feature without scenarios has no test.
        var run = await FullRun.Of(suite);
        run.Names.Should().NotContain(n => n.Contains("empty.feature") || n.Contains("comments-only") || n.StartsWith("No scenarios"));
        run.Names.Should().NotContain(n => n.StartsWith("Duplicate scenarios: Same name"), "a file with a semantic error generates no scenario");
    }
}
