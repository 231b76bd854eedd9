using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Tests.Statistics;

/// <summary>The canary feature file of the repository and the split it states.</summary>
internal static class CanaryFeature
{
    public static string Path() =>
        System.IO.Path.Combine(InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot(), "Features", "Serving", "canary.feature");

    public static (int N, SplitDesign Design) StatedSplit() =>
        SplitStepPatterns.FindIn(new Gherkin.Parser().Parse(Path()).Feature.Children.OfType<Gherkin.Ast.Scenario>()
            .SelectMany(s => s.Steps).Select(s => s.Text)).Should().ContainSingle("canary.feature states one split").Subject;
}

public sealed class CanaryFeatureConsistencyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_sample_size_in_the_feature_reaches_the_stated_power_at_the_stated_alpha()
    {
        var (n, design) = CanaryFeature.StatedSplit();
        var required = design.RequiredSampleSize();
        var power = design.PowerAt(n);
        output.WriteLine($"canary.feature: n={n}, {design}; required n={required}; exact power at n={n}: {power:G6}; " +
                         ExactBinomialTest.Region(n, design.ExpectedShare, design.Alpha));
        n.Should().BeGreaterThanOrEqualTo(required, "the feature must sample at least what the sample-size function requires");
        power.Should().BeGreaterThanOrEqualTo(design.Power);
        ExactBinomialTest.Region(n, design.ExpectedShare, design.Alpha).Size.Should().BeLessThanOrEqualTo(design.Alpha);
    }

    [Fact]
    public void Too_small_a_sample_is_detected()
    {
        var design = new SplitDesign(0.2, 1e-4, 0.999, 0.15);
        design.PowerAt(100).Should().BeLessThan(0.999);
        design.RequiredSampleSize().Should().BeGreaterThan(100);
    }
}
