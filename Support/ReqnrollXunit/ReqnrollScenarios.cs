using System.Runtime.CompilerServices;
using Xunit;
using Xunit.v3;

[assembly: AssemblyFixture(typeof(InferenceBox.Specs.Support.ReqnrollXunit.ReqnrollRun))]

namespace InferenceBox.Specs.Support.ReqnrollXunit;

/// <summary>Marks the one test method whose cases are the pickles of the feature files.</summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeatureScenariosAttribute(
    [CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber);

/// <summary>The xUnit entry point: every scenario of every feature runs through this one method.</summary>
[TestCaseOrderer(typeof(PickleOrderer))]
public sealed class ReqnrollScenarios
{
    [FeatureScenarios]
    public Task Scenario(string featureFile, int pickleIndex) =>
        ScenarioExecutor.RunAsync(featureFile, pickleIndex, TestContext.Current.CancellationToken);
}
