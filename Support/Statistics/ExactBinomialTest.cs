namespace InferenceBox.Specs.Support.Statistics;

/// <summary>
/// The exact two-sided binomial test of H0: p = p0, by the minimum-likelihood rule (as R's binom.test):
/// the p-value sums every outcome no more likely than the observed one. Accepting iff the p-value exceeds α
/// keeps the false-failure rate at or below α for every n, because no normal approximation is involved.
/// </summary>
public static class ExactBinomialTest
{
    // Relative tolerance for "as likely as the observed outcome", so ties are not lost to rounding.
    private const double TieTolerance = 1 + 1e-7;

    public static double PValue(int successes, int n, double p0)
    {
        Binomial.Validate(n, p0);
        if (successes < 0 || successes > n)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Must lie in 0..{n}.");
        var pmf = Binomial.Pmf(n, p0);
        var threshold = pmf[successes] * TieTolerance;
        var terms = pmf.Where(d => d <= threshold).Order().ToArray();
        var sum = 0.0;
        foreach (var t in terms) sum += t;
        return Math.Min(1.0, sum);
    }

    /// <summary>
    /// The counts k whose p-value exceeds α. The pmf is unimodal, so they form one interval [Low, High];
    /// it is found by adding outcomes from the least likely inward while the rejected mass stays ≤ α.
    /// </summary>
    public static AcceptanceRegion Region(int n, double p0, double alpha)
    {
        Binomial.Validate(n, p0);
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in (0, 1).");
        var pmf = Binomial.Pmf(n, p0);
        int lo = 0, hi = n;
        var rejected = 0.0;
        while (lo <= hi)
        {
            // Remove the less likely end; equally likely ends (within tolerance) go together, as the p-value sees them.
            var smaller = Math.Min(pmf[lo], pmf[hi]);
            var takeLo = pmf[lo] <= smaller * TieTolerance;
            var takeHi = hi != lo && pmf[hi] <= smaller * TieTolerance;
            var mass = (takeLo ? pmf[lo] : 0) + (takeHi ? pmf[hi] : 0);
            if (rejected + mass > alpha) break;
            rejected += mass;
            if (takeLo) lo++;
            if (takeHi) hi--;
        }
        return new AcceptanceRegion(n, p0, alpha, lo, hi, rejected);
    }
}

/// <summary>The counts an exact test at level α accepts, and the exact chance of rejecting when H0 holds.</summary>
public sealed record AcceptanceRegion(int N, double P0, double Alpha, int Low, int High, double Size)
{
    public bool Accepts(int successes) => successes >= Low && successes <= High;

    /// <summary>P(reject | true share = p): the power against a misroute to p (or the size at p = P0).</summary>
    public double RejectionProbability(double p) =>
        1 - (Low > High ? 0 : Binomial.Probability(N, p, Low, High));

    public override string ToString() =>
        $"accept {Low}..{High} of {N} (H0 share {P0:P1}, α {Alpha:G3}, exact size {Size:G3})";
}
