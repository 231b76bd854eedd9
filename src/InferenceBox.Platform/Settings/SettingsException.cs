using InferenceBox.Platform.Run;

namespace InferenceBox.Platform.Settings;

/// <summary>An invalid setting: names the variable, the value given and what is allowed. A known cause to the runner
/// bridge (<see cref="IKnownCause"/>): printed once, and every scenario reported not run.</summary>
public sealed class SettingsException(string variable, string? value, string allowed, string? source = null)
    : Exception($"Invalid setting {variable}={Quote(value)}{(source is null ? "" : $" (from {source})")}: allowed values are {allowed}. " +
                $"Fix or unset {variable} and run again."), IKnownCause
{
    public string Variable { get; } = variable;
    public string? Value { get; } = value;
    public string Allowed { get; } = allowed;

    public string Cause => Message[..Message.IndexOf(" Fix or unset", StringComparison.Ordinal)];

    public string Fix => $"Fix or unset {Variable} and run again (README, Settings).";

    public override string? StackTrace => null;

    private static string Quote(string? value) => value is null ? "<unset>" : $"\"{value}\"";
}
