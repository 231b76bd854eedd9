using InferenceBox.Specs.Support.Statistics;

namespace InferenceBox.Specs.Tests.Statistics;

/// <summary>
/// The misrouted shares a split test must catch are expected ± misroute wherever that is still a share: the edges 0 and
/// 1 themselves are shares (a canary that gets nothing is the plainest misroute), beyond them nothing is (issue 20).
/// </summary>
public sealed class MisroutedSharesTests
{
    [Theory]
    [InlineData(0.1, 0.1, new[] { 0.0, 0.2 })]
    [InlineData(0.9, 0.1, new[] { 0.8, 1.0 })]
    [InlineData(0.05, 0.1, new[] { 0.15000000000000002 })]
    [InlineData(0.2, 0.05, new[] { 0.15000000000000002, 0.25 })]
    public void Both_directions_are_kept_while_they_are_shares_edges_included(double expected, double misroute, double[] shares) =>
        new SplitDesign(expected, 0.01, 0.9, misroute).MisroutedShares.Should().Equal(shares);
}
