namespace InferenceBox.Specs.Support.Statistics;

/// <summary>
/// A canary split test as the spec states it: the expected share, the false-failure rate α accepted on a
/// correct split, and the power wanted against a misroute of <see cref="Misroute"/> points in either direction.
/// </summary>
public sealed record SplitDesign(double ExpectedShare, double Alpha, double Power, double Misroute)
{
    /// <summary>The misrouted shares the test must catch: expected ± misroute, where still a share.</summary>
    public IReadOnlyList<double> MisroutedShares =>
        new[] { ExpectedShare - Misroute, ExpectedShare + Misroute }.Where(s => s >= 0 && s <= 1).ToArray();

    /// <summary>Power at sample size n: the worse of the two directions, since a misroute may go either way.</summary>
    public double PowerAt(int n)
    {
        Validate();
        var region = ExactBinomialTest.Region(n, ExpectedShare, Alpha);
        return MisroutedShares.Min(region.RejectionProbability);
    }

    /// <summary>
    /// The smallest n whose exact test reaches the power; exact power saws up and down with n, so the answer is
    /// the first n from which it holds for <paramref name="stableRun"/> consecutive sizes (a size to rely on).
    /// </summary>
    public int RequiredSampleSize(int maxN = 20_000, int stableRun = 10)
    {
        Validate();
        var run = 0;
        for (var n = 1; n <= maxN; n++)
        {
            run = PowerAt(n) >= Power ? run + 1 : 0;
            if (run == stableRun) return n - stableRun + 1;
        }
        throw new InvalidOperationException($"No sample size up to {maxN} reaches power {Power} for {this}.");
    }

    private void Validate()
    {
        if (!(ExpectedShare > 0 && ExpectedShare < 1)) throw new ArgumentOutOfRangeException(nameof(ExpectedShare), ExpectedShare, "The expected share must lie in (0, 1).");
        if (!(Alpha > 0 && Alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must lie in (0, 0.5).");
        if (!(Power > 0 && Power < 1)) throw new ArgumentOutOfRangeException(nameof(Power), Power, "The power must lie in (0, 1).");
        if (!(Misroute > 0) || MisroutedShares.Count == 0) throw new ArgumentOutOfRangeException(nameof(Misroute), Misroute, "The misroute must be a positive share that keeps expected ± misroute within [0, 1] on at least one side.");
    }

    public override string ToString() =>
        $"expected share {ExpectedShare:P1}, false-failure rate {Alpha:G3}, power {Power:G4} against a {Misroute * 100:0.#}-point misroute";
}
