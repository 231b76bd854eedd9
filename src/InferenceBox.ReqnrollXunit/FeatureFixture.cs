using Reqnroll;
using Xunit;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// One per feature class. Its disposal ends the feature ([AfterFeature]) when the feature's class is done, as the
/// official FixtureData.DisposeAsync does (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs,
/// SetTestClassCleanupMethod, calling TestRunnerManager.ReleaseFeatureAsync). A failing [AfterFeature] therefore
/// surfaces as xUnit's test class cleanup failure, not as a failure of the feature's last scenario.
/// </summary>
public sealed class FeatureFixture : IAsyncLifetime
{
    private string? _feature;

    public ValueTask InitializeAsync()
    {
        _feature = (TestContext.Current.TestClass as FeatureTestClass)?.FeaturePath;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_feature is null || ReqnrollRun.StartFailure is not null) return;
        var info = ParsedFeature.Get(ReqnrollRun.TestAssembly, _feature).Info;
        if (info is not null) await TestRunnerManager.ReleaseFeatureAsync(info, ReqnrollRun.TestAssembly, ReqnrollRun.ContainerBuilder);
    }
}
