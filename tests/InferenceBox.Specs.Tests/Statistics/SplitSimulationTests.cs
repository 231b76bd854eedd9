using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Tests.Statistics;

/// <summary>
/// Simulates the canary decision many times on a correct split and on the stated misroute, and checks the
/// observed false-failure rate and power against what the feature file promises. Each run draws the v2 count
/// from the exact binomial distribution (inverse CDF), which is the same as sampling n requests one by one.
/// </summary>
public sealed class SplitSimulationTests(ITestOutputHelper output)
{
    private const int Runs = 2_000_000;

    [Fact]
    public void False_failure_rate_and_power_meet_the_canary_feature_statement()
    {
        var (n, design) = CanaryFeature.StatedSplit();
        var region = ExactBinomialTest.Region(n, design.ExpectedShare, design.Alpha);
        var random = new Random(20261126);

        var falseFailures = Failures(Draws(n, design.ExpectedShare, random), region);
        var falseFailureRate = (double)falseFailures / Runs;
        output.WriteLine($"Design: n={n}, {design}; {region}");
        output.WriteLine($"False-failure rate on a correct {design.ExpectedShare:P0} split: {falseFailures}/{Runs:N0} = {falseFailureRate:G4} (stated α {design.Alpha:G4})");
        falseFailureRate.Should().BeLessThanOrEqualTo(design.Alpha);

        foreach (var misrouted in design.MisroutedShares)
        {
            var caught = Failures(Draws(n, misrouted, random), region);
            var power = (double)caught / Runs;
            output.WriteLine($"Power against a misroute to {misrouted:P0}: {caught}/{Runs:N0} = {power:G6} (stated {design.Power:G4})");
            power.Should().BeGreaterThanOrEqualTo(design.Power);
        }
    }

    [Fact]
    public void The_simulation_can_fail_a_biased_test()
    {
        // A test that accepts only the exact expected count must show a false-failure rate far above α.
        var (n, design) = CanaryFeature.StatedSplit();
        var expected = (int)Math.Round(n * design.ExpectedShare);
        var strict = new AcceptanceRegion(n, design.ExpectedShare, design.Alpha, expected, expected, 0);
        var rate = (double)Failures(Draws(n, design.ExpectedShare, new Random(7)), strict, runs: 100_000) / 100_000;
        output.WriteLine($"False-failure rate of an accept-only-{expected} rule: {rate:G4}");
        rate.Should().BeGreaterThan(0.5);
    }

    private static int Failures(Func<int> draw, AcceptanceRegion region, int runs = Runs)
    {
        var failures = 0;
        for (var i = 0; i < runs; i++)
            if (!region.Accepts(draw())) failures++;
        return failures;
    }

    private static Func<int> Draws(int n, double p, Random random)
    {
        var cdf = new double[n + 1];
        var running = 0.0;
        var pmf = Binomial.Pmf(n, p);
        for (var k = 0; k <= n; k++) cdf[k] = running += pmf[k];
        return () =>
        {
            var index = Array.BinarySearch(cdf, random.NextDouble() * running);
            return index >= 0 ? index : Math.Min(n, ~index);
        };
    }
}
