namespace InferenceBox.Specs.Support.Statistics;

/// <summary>The outcome of one split sample judged once by the exact test: never re-sampled.</summary>
public sealed record SplitVerdict(SplitDesign Design, int Hits, int N, AcceptanceRegion Region, double PValue, WilsonInterval Interval)
{
    public bool Passed => Region.Accepts(Hits);

    public static SplitVerdict Judge(SplitDesign design, int hits, int n) => new(
        design, hits, n,
        ExactBinomialTest.Region(n, design.ExpectedShare, design.Alpha),
        ExactBinomialTest.PValue(hits, n, design.ExpectedShare),
        WilsonInterval.Of(hits, n));

    public override string ToString() =>
        $"observed {Hits}/{N} = {Interval}; exact two-sided p-value {PValue:G3}; {Region}; " +
        $"{(Passed ? "PASS" : "FAIL")} ({Design}; power at n={N}: {Design.PowerAt(N):G6})";
}
