using System.Text.Json;

namespace InferenceBox.Platform.Settings;

/// <summary>
/// Builds <see cref="InferenceBoxSettings"/> from the environment (and the optional JSON file), refusing any
/// invalid value at once with the variable, the value and the allowed values.
/// </summary>
public static partial class SettingsLoader
{
    public const string Prefix = "INFERENCEBOX_";

    /// <summary>Reads the process environment; the schemas' default is resolved against the repository.</summary>
    public static InferenceBoxSettings FromEnvironment() =>
        Load(name => Environment.GetEnvironmentVariable(name), Run.RunPaths.RepositoryRoot());

    /// <summary>
    /// Reads settings through <paramref name="getVariable"/>; the JSON file fills in what it leaves unset. With a
    /// <paramref name="repositoryRoot"/>, an unset INFERENCEBOX_SCHEMAS takes <see cref="SchemaFolder"/>'s default.
    /// </summary>
    public static InferenceBoxSettings Load(Func<string, string?> getVariable, string? repositoryRoot = null)
    {
        var configFile = getVariable(Prefix + "CONFIG_FILE");
        var fromFile = configFile is { Length: > 0 } ? ReadFile(configFile) : new Dictionary<string, string>();
        foreach (var unknown in fromFile.Keys.Where(k => !KnownVariables.Contains(k)))
            throw new SettingsException(unknown, fromFile[unknown],
                (SettingNames.Closest(unknown) is { } near ? $"a setting's name (did you mean {near}?); " : "") +
                "the settings are " + string.Join(", ", KnownVariables.Order()), configFile);

        var settings = new InferenceBoxSettings { ConfigFile = configFile };
        foreach (var definition in Definitions)
        {
            var fromEnv = getVariable(definition.Variable);
            var value = fromEnv ?? fromFile.GetValueOrDefault(definition.Variable);
            if (value is null) continue;
            settings = definition.Apply(settings, value)
                ?? throw new SettingsException(definition.Variable, value, definition.Allowed, fromEnv is null ? configFile : null);
        }
        if (settings.SchemasDir is null && repositoryRoot is not null && SchemaFolder.Beside(repositoryRoot) is { } shared)
            settings = settings with { SchemasDir = shared };
        // A rehearsal runs no step body: after provisioning against the emulator, scenarios run as in the dry run.
        return settings.Mode == RunMode.Rehearse ? settings with { DryRun = true } : settings;
    }

    private static Dictionary<string, string> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new SettingsException(Prefix + "CONFIG_FILE", path, "an existing JSON file of {\"INFERENCEBOX_…\": \"value\"}");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new SettingsException(Prefix + "CONFIG_FILE", path, $"a JSON object of string values ({e.Message})");
        }
    }
}
