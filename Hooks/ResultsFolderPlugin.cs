using InferenceBox.Specs.Hooks;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

[assembly: RuntimePlugin(typeof(ResultsFolderPlugin))]

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// reqnroll.json points Reqnroll's formatters at <c>{env:INFERENCEBOX_RESULTS_DIR}</c> (Reqnroll's own placeholder,
/// reqnroll/Reqnroll@v3.3.3:Reqnroll/EnvironmentAccess/VariableSubstitutionService.cs). This runtime plugin, which
/// Reqnroll loads from the test assembly before it reads the formatter settings
/// (reqnroll/Reqnroll@v3.3.3:Reqnroll/Plugins/RuntimePluginLocator.cs), gives that variable the folder the run writes
/// to, and claims the folder for this run (<see cref="ResultsFolder"/>). Plugins are initialized before the formatters
/// open their files (reqnroll/Reqnroll@v3.3.3:Reqnroll/Infrastructure/ContainerBuilder.cs: LoadPlugins, then the
/// Cucumber message publisher's Initialize launches the formatters), so nothing this run writes is deleted.
/// The run's reporting (the live step view and the conformance report) is plugged in here too.
/// It also puts the redactor in front of those reports (<see cref="RedactedReports"/>).
/// </summary>
public sealed class ResultsFolderPlugin : IRuntimePlugin
{
    public const string Variable = SettingsLoader.Prefix + "RESULTS_DIR";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        var resultsDir = RunPaths.ResultsDir(ResultsSetting());
        ResultsFolder.Claim(resultsDir);
        Environment.SetEnvironmentVariable(Variable, resultsDir);
        ReportingPlugin.Initialize(runtimePluginEvents);
        RedactedReports.Register(runtimePluginEvents);
    }

    // The folder the user asked for even when another setting is invalid (that one still stops the run, from the run
    // hook); the default only when this one is missing or invalid itself.
    private static InferenceBoxSettings ResultsSetting()
    {
        try { return SettingsLoader.FromEnvironment(); }
        catch (SettingsException)
        {
            try { return SettingsLoader.Load(name => name == Variable ? Environment.GetEnvironmentVariable(name) : null); }
            catch (SettingsException) { return new InferenceBoxSettings(); }
        }
    }
}
