using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Gherkin;
using InferenceBox.Specs.StepDefinitions;
using Reqnroll;
using Xunit;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Every step of the serving and observability features matches exactly one regex binding of its keyword
/// (And/But take the keyword before them), so the dry run can bind them; a typo in a step fails here first.
/// </summary>
public sealed class StepBindingTests
{
    public static TheoryData<string> Features => new()
    {
        "Features/Serving/scale-to-zero.feature", "Features/Serving/canary.feature", "Features/Observability/observability.feature",
    };

    [Theory]
    [MemberData(nameof(Features))]
    public void Every_step_has_exactly_one_binding(string feature)
    {
        var bindings = typeof(ServingSteps).Assembly.GetTypes()
            .Where(t => t == typeof(ServingSteps) || t == typeof(ObservabilitySteps))
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>().Select(a => (Keyword: a.GetType().Name.Replace("Attribute", ""), a.Expression)))
            .ToArray();
        var document = new Parser().Parse(Path.Combine(RepoRoot(), feature));
        var unbound = new List<string>();
        foreach (var scenario in document.Feature.Children.SelectMany(c => c switch
                 {
                     Gherkin.Ast.Background b => [b.Steps], Gherkin.Ast.Scenario s => new[] { s.Steps }, _ => [],
                 }))
        {
            var keyword = "Given";
            foreach (var step in scenario)
            {
                var k = step.Keyword.Trim();
                if (k is not ("And" or "But" or "*")) keyword = k;
                var matches = bindings.Count(b => b.Keyword == keyword && Regex.IsMatch(step.Text, b.Expression!));
                if (matches != 1) unbound.Add($"{k} {step.Text} (line {step.Location.Line}): {matches} bindings");
            }
        }
        unbound.Should().BeEmpty();
    }

    private static string RepoRoot() => InferenceBox.Specs.Support.Run.RunPaths.RequireRepositoryRoot();
}
