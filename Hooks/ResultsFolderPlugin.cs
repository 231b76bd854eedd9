using InferenceBox.Specs.Hooks;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Settings;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

[assembly: RuntimePlugin(typeof(ResultsFolderPlugin))]

namespace InferenceBox.Specs.Hooks;

/// <summary>
/// reqnroll.json points Reqnroll's formatters at <c>{env:INFERENCEBOX_RESULTS_DIR}</c> (Reqnroll's own placeholder,
/// reqnroll/Reqnroll@v3.3.3:Reqnroll/EnvironmentAccess/VariableSubstitutionService.cs). This runtime plugin, which
/// Reqnroll loads from the test assembly before it reads the formatter settings
/// (reqnroll/Reqnroll@v3.3.3:Reqnroll/Plugins/RuntimePluginLocator.cs), gives that variable the folder the run writes
/// to: the setting resolved against the repository, or its default when the setting is missing or invalid (an
/// invalid one still stops the run, from the run hook). It also puts the redactor in front of those reports
/// (<see cref="RedactedReports"/>).
/// </summary>
public sealed class ResultsFolderPlugin : IRuntimePlugin
{
    public const string Variable = SettingsLoader.Prefix + "RESULTS_DIR";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters,
        UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        InferenceBoxSettings settings;
        try { settings = SettingsLoader.FromEnvironment(); }
        catch (SettingsException) { settings = new InferenceBoxSettings(); }
        Environment.SetEnvironmentVariable(Variable, RunPaths.ResultsDir(settings));
        RedactedReports.Register(runtimePluginEvents);
    }
}
