using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Cli;

/// <summary>
/// Where the program writes and what it reads: standard output and error, and the environment (the settings are the
/// INFERENCEBOX_ variables, as for the suite). Tests give their own writers and variables and run the program in-process.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> GetVariable);

/// <summary>
/// The live progress of a command on standard output, one line per event as the suite prints it, through the one
/// redactor (a tool's output may quote a token or a key).
/// </summary>
public sealed class ConsoleProgress(TextWriter output) : IProgressChannel
{
    private readonly Lock _gate = new();

    public void Report(ProgressEvent progressEvent)
    {
        var line = Redactor.Redact($"{DateTimeOffset.Now:HH:mm:ss} {progressEvent}");
        lock (_gate) output.WriteLine(line);
    }
}
