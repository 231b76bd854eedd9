using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Tests.Statistics;

/// <summary>
/// Exact values and boundaries of the split judge (issue 20: a RequiredSampleSize off by one survived). The expected
/// numbers were computed independently with SciPy 1.10.1 (Debian's python3-scipy: scipy.stats.binom pmf/cdf and
/// scipy.stats.norm.ppf, the acceptance region by R's minimum-likelihood rule), not read off this code.
/// </summary>
public sealed class StatisticsBoundaryTests
{
    private static readonly SplitDesign Canary = new(0.2, 1e-4, 0.999, 0.15);

    [Fact]
    public void The_canary_design_needs_exactly_428_requests()
    {
        // SciPy: power 0.999212 at 426, 0.998992 at 427 (below 0.999), then ≥ 0.999 at every n from 428 to 437.
        Canary.RequiredSampleSize().Should().Be(428);
        Canary.PowerAt(427).Should().BeApproximately(0.998992, 1e-6).And.BeLessThan(0.999);
        Canary.PowerAt(428).Should().BeApproximately(0.999098, 1e-6);
        Canary.PowerAt(466).Should().BeApproximately(0.9996864825625877, 1e-9);
        Canary.PowerAt(100).Should().BeApproximately(0.3730756981625397, 1e-9);
    }

    [Fact]
    public void A_misroute_past_certainty_is_left_out_and_the_other_side_sets_the_size()
    {
        var nearlyAll = new SplitDesign(0.9, 0.05, 0.8, 0.15);

        nearlyAll.MisroutedShares.Should().ContainSingle().Which.Should().BeApproximately(0.75, 1e-12);
        Canary.MisroutedShares.Should().HaveCount(2);
        Canary.MisroutedShares[0].Should().BeApproximately(0.05, 1e-12);
        Canary.MisroutedShares[1].Should().BeApproximately(0.35, 1e-12);
        // SciPy: power 0.864868 at 47, 0.795167 at 48, then ≥ 0.8 from 49 on.
        nearlyAll.RequiredSampleSize().Should().Be(49);
        new SplitDesign(0.5, 0.01, 0.9, 0.2).RequiredSampleSize().Should().Be(97);
    }

    [Fact]
    public void No_size_up_to_the_limit_is_an_error_naming_the_design()
    {
        var act = () => Canary.RequiredSampleSize(maxN: 427);

        act.Should().Throw<InvalidOperationException>().WithMessage("No sample size up to 427 reaches power 0.999 for *");
        Canary.RequiredSampleSize(maxN: 437).Should().Be(428, "the tenth size in a row is 437");
        FluentActions.Invoking(() => Canary.RequiredSampleSize(maxN: 436)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void The_canary_region_and_its_exact_size()
    {
        var region = ExactBinomialTest.Region(466, 0.2, 1e-4);

        (region.Low, region.High).Should().Be((61, 128));
        region.Size.Should().BeApproximately(7.691694646305702e-05, 1e-15);
        region.Accepts(61).Should().BeTrue();
        region.Accepts(60).Should().BeFalse();
        region.Accepts(128).Should().BeTrue();
        region.Accepts(129).Should().BeFalse();
    }

    [Fact]
    public void Alpha_exactly_at_the_mass_of_the_outermost_tie_rejects_both_ends_and_no_more()
    {
        // Binomial(10, 1/2): 0 and 10 tie and go together; α equal to their mass rejects them (rejected mass ≤ α).
        var pmf = Binomial.Pmf(10, 0.5);
        var edge = pmf[0] + pmf[10];

        var atEdge = ExactBinomialTest.Region(10, 0.5, edge);
        (atEdge.Low, atEdge.High, atEdge.Size).Should().Be((1, 9, edge));

        var below = ExactBinomialTest.Region(10, 0.5, edge * (1 - 1e-9));
        (below.Low, below.High, below.Size).Should().Be((0, 10, 0.0));
        below.RejectionProbability(0.5).Should().BeApproximately(0, 1e-12);

        var wide = ExactBinomialTest.Region(10, 0.5, 0.2);
        (wide.Low, wide.High).Should().Be((3, 7), "{0,10}, {1,9} and {2,8} hold 112/1024 ≤ 0.2; {3,7} would bring it to 352/1024");
        wide.Size.Should().BeApproximately(112.0 / 1024, 1e-15);
    }

    [Fact]
    public void P_values_at_the_mode_tail_and_ties()
    {
        ExactBinomialTest.PValue(5, 10, 0.5).Should().Be(1.0, "every outcome is at most as likely as the mode");
        ExactBinomialTest.PValue(10, 10, 0.5).Should().BeApproximately(2.0 / 1024, 1e-15);
        ExactBinomialTest.PValue(1, 10, 0.5).Should().BeApproximately(22.0 / 1024, 1e-15);
        ExactBinomialTest.PValue(70, 466, 0.2).Should().BeApproximately(0.006433456657604112, 1e-12);
        ExactBinomialTest.PValue(0, 0, 0.3).Should().Be(1.0);
    }

    [Fact]
    public void Binomial_probabilities_match_scipy()
    {
        Binomial.Probability(466, 0.2, 81, 100).Should().BeApproximately(0.7332940723882344, 1e-12);
        Binomial.Probability(10, 0.3, 0, 3).Should().BeApproximately(0.6496107184000002, 1e-12);
        Binomial.Probability(10, 0.3, -5, 20).Should().Be(1.0, "the bounds are clamped to 0..n and the sum capped at 1");
        Binomial.Probability(10, 0.3, 4, 3).Should().Be(0);
        Binomial.LogFactorial(0).Should().Be(0);
        Binomial.LogFactorial(1).Should().Be(0);
        Binomial.LogFactorial(10).Should().BeApproximately(Math.Log(3628800), 1e-12);
        Binomial.LogFactorial(5000).Should().BeApproximately(37591.14350887677, 1e-7); // lgamma(5001)
        Binomial.LogPmf(-1, 10, 0.3).Should().Be(double.NegativeInfinity);
        Binomial.LogPmf(11, 10, 0.3).Should().Be(double.NegativeInfinity);
        (Binomial.LogPmf(0, 10, 0), Binomial.LogPmf(1, 10, 0)).Should().Be((0, double.NegativeInfinity));
        (Binomial.LogPmf(10, 10, 1), Binomial.LogPmf(9, 10, 1)).Should().Be((0, double.NegativeInfinity));
        FluentActions.Invoking(() => Binomial.LogFactorial(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Binomial.Pmf(-1, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => Binomial.Pmf(3, 1.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        FluentActions.Invoking(() => Binomial.Pmf(3, double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p");
        Binomial.Pmf(0, 0.5).Should().Equal(1.0);
        Binomial.Pmf(3, 1).Should().Equal(0, 0, 0, 1);
    }

    [Theory]
    [InlineData(1e-6, -4.753424308822899)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.02425, -1.972961051311885)]
    [InlineData(0.3, -0.5244005127080409)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999999, 4.753424308817087)]
    public void The_normal_quantile_matches_scipy_in_every_branch(double p, double expected) =>
        Normal.Quantile(p).Should().BeApproximately(expected, 1e-8 * Math.Max(1, Math.Abs(expected)));

    [Theory]
    [InlineData(90, 450, 0.95, 0.16565109916572324, 0.23942749215205916)]
    [InlineData(0, 10, 0.95, 0.0, 0.2775327998628892)]
    [InlineData(10, 10, 0.95, 0.7224672001371107, 1.0)]
    [InlineData(3, 7, 0.95, 0.15821985525146975, 0.7495416354723428)]
    [InlineData(90, 450, 0.90, 0.17081814498042486, 0.23276768712596252)]
    public void Wilson_intervals_match_the_closed_form(int hits, int n, double confidence, double low, double high)
    {
        var interval = WilsonInterval.Of(hits, n, confidence);

        interval.Share.Should().Be((double)hits / n);
        interval.Low.Should().BeApproximately(low, 1e-9);
        interval.High.Should().BeApproximately(high, 1e-9);
        interval.Confidence.Should().Be(confidence);
    }

    [Fact]
    public void Bad_designs_and_counts_are_refused_by_name()
    {
        FluentActions.Invoking(() => WilsonInterval.Of(0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => WilsonInterval.Of(-1, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successes");
        FluentActions.Invoking(() => WilsonInterval.Of(6, 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successes");
        FluentActions.Invoking(() => WilsonInterval.Of(1, 5, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidence");
        FluentActions.Invoking(() => Normal.Quantile(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Normal.Quantile(1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ExactBinomialTest.PValue(-1, 10, 0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("successes");
        FluentActions.Invoking(() => ExactBinomialTest.Region(10, 0.5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
        FluentActions.Invoking(() => ExactBinomialTest.Region(10, 0.5, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
        foreach (var bad in new[] { Canary with { ExpectedShare = 0 }, Canary with { ExpectedShare = 1 }, Canary with { Alpha = 0 }, Canary with { Alpha = 0.5 },
                     Canary with { Power = 0 }, Canary with { Power = 1 }, Canary with { Misroute = 0 }, Canary with { ExpectedShare = 0.5, Misroute = 0.6 } })
            FluentActions.Invoking(() => bad.PowerAt(10)).Should().Throw<ArgumentOutOfRangeException>(bad.ToString());
        (Canary with { Alpha = 0.49, Power = 0.01, Misroute = 0.8 }).PowerAt(10).Should().BeInRange(0, 1, "valid just inside each bound");
    }

    [Fact]
    public void The_step_wording_reads_counts_and_designs()
    {
        SplitStepPatterns.Count("10,000").Should().Be(10_000);
        SplitStepPatterns.Count("1").Should().Be(1);
        FluentActions.Invoking(() => SplitStepPatterns.Count("0")).Should().Throw<FormatException>().WithMessage("'0' in the split step*");
        SplitStepPatterns.Design(20, "10,000", 15, "999", "1,000").Should().Be(new SplitDesign(0.2, 1e-4, 0.999, 0.15));
        FluentActions.Invoking(() => SplitStepPatterns.Design(20, "10,000", 15, "1,000", "1,000")).Should().Throw<FormatException>().WithMessage("*below certainty*");

        // The step texts without their keywords, as the Gherkin parser gives them.
        var found = SplitStepPatterns.FindIn([
            "466 requests are sampled from sklearn-iris of tenant-a",
            "v2's share is 20% by an exact binomial test with a false-failure rate of 1 in 10,000, catching a 15-point misroute 999 times in 1,000",
            "1,000 requests are sampled from m of tenant-b",
            "v1's share is 50% by an exact binomial test with a false-failure rate of 1 in 100, catching a 20-point misroute 9 times in 10",
        ]);

        found.Should().Equal((466, Canary), (1000, new SplitDesign(0.5, 0.01, 0.9, 0.2)));
        FluentActions.Invoking(() => SplitStepPatterns.FindIn(["v2's share is 20% by an exact binomial test with a false-failure rate of 1 in 10, catching a 15-point misroute 9 times in 10"]))
            .Should().Throw<FormatException>().WithMessage("*has no sample step before it*");
    }

    [Fact]
    public void A_verdict_passes_exactly_inside_the_region()
    {
        var pass = SplitVerdict.Judge(Canary, 61, 466);
        var fail = SplitVerdict.Judge(Canary, 60, 466);

        (pass.Passed, fail.Passed).Should().Be((true, false));
        pass.Region.Should().Be(ExactBinomialTest.Region(466, 0.2, 1e-4));
        pass.PValue.Should().Be(ExactBinomialTest.PValue(61, 466, 0.2));
        pass.Interval.Should().Be(WilsonInterval.Of(61, 466));
        (pass.Hits, pass.N, pass.Design).Should().Be((61, 466, Canary));
        fail.ToString().Should().Contain("FAIL").And.Contain("observed 60/466");
        pass.ToString().Should().Contain("PASS");
    }
}
