using Reqnroll;
using Xunit;

namespace ReqnrollXunit.Fixture;

/// <summary>Hooks that fail on purpose, and the feature-context marker the cleanup feature checks.</summary>
[Binding]
public sealed class LifecycleHooks(FeatureContext featureContext)
{
    private const string Marker = "set-before-feature";

    [BeforeFeature("cleanup")]
    public static void SetMarker(FeatureContext feature) => feature[Marker] = true;

    [AfterScenario("failing-after-scenario")]
    public static void FailAfterScenario() => throw new InvalidOperationException("after-scenario hook failed on purpose");

    [AfterFeature("failing-after-feature")]
    public static void FailAfterFeature() => throw new InvalidOperationException("after-feature hook failed on purpose");

    [Then("the feature context holds the marker set before the feature")]
    public void MarkerIsThere() => Assert.True(featureContext.ContainsKey(Marker), "the feature context lost its marker");
}
