using System.Runtime.CompilerServices;
using Xunit;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Marks the one test method whose cases are the pickles of the feature files.</summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeatureScenariosAttribute(
    [CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber);

/// <summary>The xUnit entry point: every scenario of every feature runs through this one method.</summary>
[TestCaseOrderer(typeof(PickleOrderer))]
public abstract class FeatureScenariosBase
{
    [FeatureScenarios]
    public Task Scenario(string featureFile, int pickleIndex) =>
        ScenarioExecutor.RunAsync(featureFile, pickleIndex, TestContext.Current.CancellationToken);
}
