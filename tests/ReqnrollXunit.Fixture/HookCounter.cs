using Reqnroll;

namespace ReqnrollXunit.Fixture;

/// <summary>Appends one line per hook call to a file the offline tests read, so they can count them.</summary>
[Binding]
public sealed class HookCounter
{
    private static readonly object Gate = new();
    private static string LogFile => Environment.GetEnvironmentVariable("FIXTURE_HOOK_LOG")
        ?? Path.Combine(AppContext.BaseDirectory, "hooks.log");

    [BeforeTestRun] public static void BeforeRun() => Log("BeforeTestRun");
    [AfterTestRun] public static void AfterRun() => Log("AfterTestRun");
    [BeforeFeature] public static void BeforeFeature(FeatureContext feature) => Log($"BeforeFeature {feature.FeatureInfo.Title}");
    [AfterFeature] public static void AfterFeature(FeatureContext feature) => Log($"AfterFeature {feature.FeatureInfo.Title}");
    [BeforeScenario] public static void BeforeScenario(ScenarioContext scenario) => Log($"BeforeScenario {scenario.ScenarioInfo.Title}");

    private static void Log(string line)
    {
        lock (Gate) File.AppendAllText(LogFile, line + Environment.NewLine);
    }
}
