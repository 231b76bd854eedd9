using System.Runtime.CompilerServices;
using Xunit;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Marks the one test method whose cases are the scenarios of the project's feature files.</summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeatureScenariosAttribute(
    [CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber);

/// <summary>
/// The base of the entry class the props file generates into the test project (xUnit discovers tests in the test
/// assembly only). Its class fixture ends each feature after the feature's last scenario, as the official generator's
/// FixtureData class does.
/// </summary>
public abstract class FeatureScenariosBase : IClassFixture<FeatureFixture>
{
    [FeatureScenarios]
    public Task Scenario(string featureFile, int pickleIndex) =>
        ScenarioExecutor.RunAsync(GetType().Assembly, featureFile, pickleIndex, TestContext.Current.CancellationToken);
}
