using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Keeps a feature's scenarios in file order, and tells the run how many of them will actually execute,
/// so the feature can be ended ([AfterFeature]) right after its last scenario.
/// </summary>
public sealed class PickleOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
    {
        var ordered = testCases.OrderBy(c => Key(c).Feature, StringComparer.Ordinal).ThenBy(c => Key(c).Index).ToList();
        foreach (var feature in ordered.Where(c => c is not IXunitTestCase { SkipReason: not null }).GroupBy(c => Key(c).Feature))
            FeatureLifetimes.Expect(feature.Key, feature.Count());
        return ordered;
    }

    private static (string Feature, int Index) Key(ITestCase testCase) =>
        testCase is XunitTestCase { TestMethodArguments: [string feature, int index] } ? (feature, index) : ("", 0);
}
