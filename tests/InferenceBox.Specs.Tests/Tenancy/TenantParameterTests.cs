using System.Text.RegularExpressions;
using InferenceBox.Specs.StepDefinitions;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Tenancy;

/// <summary>
/// The one {tenant} parameter type (issue 15 item 8). The dry run binds every step with the real Reqnroll, but a binding
/// is not a conversion: a step naming a tenant the platform lacks would bind and fail only on a cluster. These tests
/// convert every tenant the features name, and show what a wrong one says.
/// </summary>
public sealed class TenantParameterTests
{
    [Fact]
    public void A_platform_tenant_converts_to_its_name()
    {
        string name = TenantParameter.Parse("tenant-b");
        name.Should().Be("tenant-b");
    }

    [Fact]
    public void A_tenant_the_platform_lacks_fails_once_naming_the_known_tenants()
    {
        var act = () => TenantParameter.Parse("tenant-d");

        var error = act.Should().Throw<ArgumentException>().Which.Message;
        error.Should().StartWith("'tenant-d' in the step is not one of the platform's tenants");
        foreach (var known in PlatformTenants.All) error.Should().Contain(known);
    }

    [Fact]
    public void Every_tenant_a_feature_names_is_one_of_the_platforms()
    {
        var root = InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot();
        var named = Directory.GetFiles(Path.Combine(root, "Features"), "*.feature", SearchOption.AllDirectories)
            .SelectMany(file => Texts(new Gherkin.Parser().Parse(file).Feature).Select(text => (File: Path.GetRelativePath(root, file), Text: text)))
            .SelectMany(t => Regex.Matches(t.Text, $@"\b{TenantParameter.Pattern}\b").Select(m => (t.File, Tenant: m.Value)))
            .ToList();

        named.Should().NotBeEmpty("the features name tenants");
        named.Where(n => !PlatformTenants.All.Contains(n.Tenant)).Select(n => $"{n.File}: {n.Tenant}").Should().BeEmpty();
    }

    // Steps and Examples cells of backgrounds, scenarios and rules: where a {tenant} argument can come from.
    private static IEnumerable<string> Texts(Gherkin.Ast.Feature feature) =>
        feature.Children.SelectMany(child => child switch
        {
            Gherkin.Ast.Rule rule => rule.Children.SelectMany(Of),
            _ => Of(child),
        });

    private static IEnumerable<string> Of(Gherkin.Ast.IHasLocation child) => child switch
    {
        Gherkin.Ast.Scenario s => s.Steps.Select(step => step.Text)
            .Concat(s.Examples.SelectMany(e => e.TableBody ?? []).SelectMany(row => row.Cells).Select(c => c.Value)),
        Gherkin.Ast.Background b => b.Steps.Select(step => step.Text),
        _ => [],
    };
}
