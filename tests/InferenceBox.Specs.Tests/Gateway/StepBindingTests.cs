using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Gherkin;
using Gherkin.Ast;
using Reqnroll;
using Xunit;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// Offline binding check of the tenancy, mTLS, rate-limit and model-serving features: every step of every scenario
/// (outline rows expanded) matches exactly one step definition of its kind — none undefined, none ambiguous.
/// </summary>
public sealed class StepBindingTests
{
    private static readonly string[] Features =
        ["Tenancy/tenant-isolation.feature", "Tenancy/mtls.feature", "Tenancy/rate-limit.feature", "Serving/model-serving.feature"];

    public static TheoryData<string> FeatureFiles => new(Features);

    [Theory]
    [MemberData(nameof(FeatureFiles))]
    public void Every_step_binds_to_exactly_one_definition(string feature)
    {
        var document = new Parser().Parse(Path.Combine(RepoRoot(), "Features", feature));
        var steps = Steps(document.Feature).ToList();

        steps.Should().NotBeEmpty();
        var problems = steps.Select(s => (s.Kind, s.Text, Matches: Bindings.Count(b => b.Kind == s.Kind && b.Pattern.IsMatch(s.Text))))
            .Where(s => s.Matches != 1).Select(s => $"{s.Kind} \"{s.Text}\": {s.Matches} matching definitions").ToList();
        problems.Should().BeEmpty();
    }

    [Fact]
    public void The_features_carry_the_tags_the_issue_asks_for()
    {
        var tags = Features.SelectMany(f => new Parser().Parse(Path.Combine(RepoRoot(), "Features", f)).Feature.Tags.Select(t => t.Name));
        tags.Should().Contain(["@tenant-isolation", "@mtls", "@rate-limit", "@smoke"]);
    }

    private static readonly IReadOnlyList<(string Kind, Regex Pattern)> Bindings = typeof(InferenceBox.Specs.StepDefinitions.TenancySteps).Assembly
        .GetTypes().Where(t => t.GetCustomAttribute<BindingAttribute>() is not null)
        .SelectMany(t => t.GetMethods()).SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>())
        .Select(a => (a.GetType().Name.Replace("Attribute", ""), new Regex(a.Expression!))).ToList();

    private static IEnumerable<(string Kind, string Text)> Steps(Feature feature)
    {
        var background = feature.Children.OfType<Background>().SelectMany(b => b.Steps).ToList();
        foreach (var scenario in feature.Children.OfType<Scenario>())
        {
            var rows = scenario.Examples.SelectMany(e => e.TableBody.Select(r =>
                e.TableHeader.Cells.Zip(r.Cells).ToDictionary(p => p.First.Value, p => p.Second.Value))).ToList();
            if (rows.Count == 0) rows.Add([]);
            foreach (var row in rows)
            {
                var kind = "Given";
                foreach (var step in background.Concat(scenario.Steps))
                {
                    kind = step.KeywordType switch { StepKeywordType.Context => "Given", StepKeywordType.Action => "When", StepKeywordType.Outcome => "Then", _ => kind };
                    yield return (kind, row.Aggregate(step.Text, (text, cell) => text.Replace($"<{cell.Key}>", cell.Value)));
                }
            }
        }
    }

    private static string RepoRoot() => InferenceBox.Specs.Support.Run.RunPaths.RequireRepositoryRoot();
}
