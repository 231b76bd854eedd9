namespace InferenceBox.Specs.Support.Statistics;

/// <summary>
/// The binomial distribution, computed in log space so that n in the thousands and tail probabilities
/// near 1e-12 stay accurate: log n! is a running sum of logs (exact to rounding), never a product.
/// </summary>
public static class Binomial
{
    private static readonly object Gate = new();
    private static double[] logFactorials = [0.0];

    /// <summary>ln(k!) for k ≥ 0, from a table that grows on demand.</summary>
    public static double LogFactorial(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var table = logFactorials;
        if (k < table.Length) return table[k];
        lock (Gate)
        {
            if (k >= logFactorials.Length)
            {
                var grown = new double[Math.Max(k + 1, logFactorials.Length * 2)];
                Array.Copy(logFactorials, grown, logFactorials.Length);
                for (var i = logFactorials.Length; i < grown.Length; i++) grown[i] = grown[i - 1] + Math.Log(i);
                logFactorials = grown;
            }
            return logFactorials[k];
        }
    }

    /// <summary>ln P(X = k) for X ~ Binomial(n, p).</summary>
    public static double LogPmf(int k, int n, double p)
    {
        Validate(n, p);
        if (k < 0 || k > n) return double.NegativeInfinity;
        if (p == 0) return k == 0 ? 0 : double.NegativeInfinity;
        if (p == 1) return k == n ? 0 : double.NegativeInfinity;
        return LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k) + k * Math.Log(p) + (n - k) * double.LogP1(-p);
    }

    /// <summary>P(X = k) for every k in 0..n.</summary>
    public static double[] Pmf(int n, double p)
    {
        Validate(n, p);
        var pmf = new double[n + 1];
        for (var k = 0; k <= n; k++) pmf[k] = Math.Exp(LogPmf(k, n, p));
        return pmf;
    }

    /// <summary>P(lo ≤ X ≤ hi), summed from the smallest terms up to limit rounding.</summary>
    public static double Probability(int n, double p, int lo, int hi)
    {
        var pmf = Pmf(n, p);
        var terms = new List<double>();
        for (var k = Math.Max(0, lo); k <= Math.Min(n, hi); k++) terms.Add(pmf[k]);
        terms.Sort();
        var sum = 0.0;
        foreach (var t in terms) sum += t;
        return Math.Min(1.0, sum);
    }

    internal static void Validate(int n, double p)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of trials must be 0 or more.");
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
    }
}
