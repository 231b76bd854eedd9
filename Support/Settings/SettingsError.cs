namespace InferenceBox.Specs.Support.Settings;

/// <summary>An invalid setting: names the variable, the value given and what is allowed.</summary>
public sealed class SettingsException(string variable, string? value, string allowed, string? source = null)
    : Exception($"Invalid setting {variable}={Quote(value)}{(source is null ? "" : $" (from {source})")}: allowed values are {allowed}. " +
                $"Fix or unset {variable} and run again.")
{
    public string Variable { get; } = variable;
    public string? Value { get; } = value;
    public string Allowed { get; } = allowed;

    private static string Quote(string? value) => value is null ? "<unset>" : $"\"{value}\"";
}
