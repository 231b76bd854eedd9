namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>Test identity (class per feature, method per scenario, FeatureTitle trait) and @ignore as Reqnroll's generator does it.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class IdentityTests(FixtureSuite suite)
{
    [Fact]
    public async Task Each_feature_is_a_class_and_each_scenario_a_method_named_as_the_generator_names_them()
    {
        // reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/Generation/UnitTestFeatureGenerator.cs ("{0}Feature" of the feature name as identifier,
        // in the namespace of the folder) and UnitTestMethodGenerator.cs (the scenario name as identifier; one method per outline).
        var run = await FullRun.Of(suite);
        run.Case("Outcomes: Passing").Should().Match<CaseResult>(c =>
            c.ClassName == "ReqnrollXunit.Fixture.Features.OutcomesFeature" && c.MethodName == "Passing");
        run.Case("Outline: Adding 1 [1, 1]").Should().Match<CaseResult>(c =>
            c.ClassName == "ReqnrollXunit.Fixture.Features.OutlineFeature" && c.MethodName == "AddingAmount");
        run.Case("Elsewhere: Found anywhere in the project").ClassName.Should().Be("ReqnrollXunit.Fixture.Specs.ElsewhereFeature");
    }

    [Fact]
    public async Task FullyQualifiedName_and_FeatureTitle_filters_select_a_feature()
    {
        var byName = await suite.RunAsync("fqn", null, "--filter", "FullyQualifiedName~OutlineFeature");
        byName.Names.Should().BeEquivalentTo(["Outline: Adding 1 [1, 1]", "Outline: Adding 2 [2, 2]", "Outline: Adding 100 [100, 100]", "Outline: Doubling a counter"]);
        var byTitle = await suite.RunAsync("title", null, "--filter", "FeatureTitle=Outline");
        byTitle.Names.Should().BeEquivalentTo(byName.Names);
    }

    [Fact]
    public async Task Ignore_tags_are_matched_whatever_their_case_and_ignored_examples_are_not_generated()
    {
        // UnitTestMethodGenerator.cs compares "@Ignore" with InvariantCultureIgnoreCase; XUnit3TestGeneratorProvider.SetRow
        // generates no row for an ignored Examples block.
        var run = await FullRun.Of(suite);
        foreach (var name in new[] { "Outcomes: Ignored", "Outcomes: Ignored with a capital", "Outcomes: Ignored in capitals" })
            run.Case(name).Should().Match<CaseResult>(c => c.Outcome == "NotExecuted" && c.Message.Contains("Ignored"));
        run.Names.Should().NotContain(n => n.StartsWith("Outline: Adding 7"));
    }
}
