using Gherkin;
using Gherkin.Ast;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// The checks Reqnroll makes of a parsed feature before it generates any test, with Reqnroll's messages and locations:
/// reqnroll/Reqnroll@v3.3.3:Reqnroll.Parser/SemanticValidators/{DuplicateScenariosValidator, DuplicateExamplesValidator,
/// MissingExamplesValidator, DuplicateExamplesColumnHeadersValidator}.cs, and the two the generator throws
/// (Reqnroll.Generator/Generation/UnitTestMethodGenerator.cs: a scenario without a title, example sets with different
/// parameters). Reqnroll fails the build on them; the bridge fails the feature's one test case.
/// </summary>
public static class SemanticChecks
{
    public static IReadOnlyList<ParserException> Of(Feature feature)
    {
        var errors = new List<ParserException>();
        // ReqnrollFeature.ScenarioDefinitions: the feature's scenarios and those of its rules.
        var scenarios = feature.Children.OfType<Scenario>()
            .Concat(feature.Children.OfType<Rule>().SelectMany(r => r.Children.OfType<Scenario>())).ToList();

        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
            errors.Add(new SemanticError($"Feature file already contains a scenario with name '{duplicate.Key}'", duplicate.ElementAt(1).Location));

        foreach (var outline in scenarios.Where(s => s.Examples.Any()))
        {
            var named = outline.Examples.Where(e => !string.IsNullOrWhiteSpace(e.Name) && e.Tags.All(t => t.Name != "ignore"));
            foreach (var duplicate in named.GroupBy(e => e.Name).Where(g => g.Count() > 1))
                errors.Add(new SemanticError($"Scenario Outline '{outline.Name}' already contains an example with name '{duplicate.Key}'", duplicate.ElementAt(1).Location));
            if (outline.Examples.Any(e => e.TableBody is null || !e.TableBody.Any()))
                errors.Add(new SemanticError($"Scenario Outline '{outline.Name}' has no examples defined", outline.Location));
            foreach (var examples in outline.Examples.Where(e => e.TableHeader is not null))
                foreach (var header in examples.TableHeader.Cells.GroupBy(c => c.Value).Where(g => g.Count() > 1))
                    errors.Add(new SemanticError($"Scenario Outline '{outline.Name}' already contains an example column with header '{header.Key}'", outline.Location));
        }

        // A Scenario Outline without any Examples keyword is an ordinary scenario to the Gherkin parser; Reqnroll
        // treats it as an outline (ReqnrollGherkinParser.CreateScenario) only when it has Examples, so that is the same.
        foreach (var scenario in scenarios.Where(s => string.IsNullOrEmpty(s.Name)))
            errors.Add(new SemanticError("The scenario must have a title specified.", scenario.Location));
        foreach (var outline in scenarios.Where(s => s.Examples.Count() > 1 && s.Examples.All(e => e.TableHeader is not null)))
        {
            var first = outline.Examples.First().TableHeader.Cells.Select(c => c.Value).ToList();
            if (outline.Examples.Skip(1).Any(e => !e.TableHeader.Cells.Select(c => c.Value).SequenceEqual(first)))
                errors.Add(new SemanticError("The example sets must provide the same parameters.", outline.Location));
        }
        return errors;
    }

    private sealed class SemanticError(string message, Location location) : ParserException(message, location);
}
