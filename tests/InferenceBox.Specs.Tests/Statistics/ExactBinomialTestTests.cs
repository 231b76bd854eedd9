using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Tests.Statistics;

public sealed class ExactBinomialTestTests
{
    [Fact]
    public void Pmf_matches_a_known_value_and_sums_to_one()
    {
        Math.Exp(Binomial.LogPmf(5, 10, 0.5)).Should().BeApproximately(252.0 / 1024, 1e-12);
        Binomial.Pmf(2000, 0.2).Sum().Should().BeApproximately(1.0, 1e-10);
    }

    [Fact]
    public void P_value_matches_R_binom_test()
    {
        // R: binom.test(682, 925, p = 3/4) reports p-value = 0.3825.
        ExactBinomialTest.PValue(682, 925, 0.75).Should().BeApproximately(0.3825, 0.00005);
        ExactBinomialTest.PValue(0, 10, 0.5).Should().BeApproximately(2.0 / 1024, 1e-12);
    }

    [Theory]
    [InlineData(450, 0.2, 1e-4)]
    [InlineData(100, 0.5, 0.05)]
    [InlineData(37, 0.1, 0.01)]
    public void Acceptance_region_is_exactly_the_counts_whose_p_value_exceeds_alpha(int n, double p0, double alpha)
    {
        var region = ExactBinomialTest.Region(n, p0, alpha);
        for (var k = 0; k <= n; k++)
            region.Accepts(k).Should().Be(ExactBinomialTest.PValue(k, n, p0) > alpha, $"k={k} in {region}");
        region.Size.Should().BeLessThanOrEqualTo(alpha);
        region.RejectionProbability(p0).Should().BeApproximately(region.Size, 1e-9);
    }

    [Fact]
    public void Wilson_interval_matches_the_closed_form_at_zero_successes()
    {
        var z = Normal.Quantile(0.975);
        z.Should().BeApproximately(1.959964, 1e-6);
        var interval = WilsonInterval.Of(0, 10);
        interval.Low.Should().Be(0);
        interval.High.Should().BeApproximately(z * z / (10 + z * z), 1e-12);
        WilsonInterval.Of(90, 450).Should().Match<WilsonInterval>(w => w.Low < 0.2 && w.High > 0.2 && w.Share == 0.2);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_offending_value()
    {
        var act = () => ExactBinomialTest.PValue(11, 10, 0.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0..10*");
        var badCount = () => SplitStepPatterns.Count("ten");
        badCount.Should().Throw<FormatException>().WithMessage("*'ten'*");
    }
}
