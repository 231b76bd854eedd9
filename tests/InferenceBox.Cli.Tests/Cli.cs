namespace InferenceBox.Cli.Tests;

/// <summary>What one run of the program wrote and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}

/// <summary>
/// Runs `inferencebox` in-process, as Program.cs does, with its own settings instead of the process environment: a
/// test sees only the INFERENCEBOX_ variables it gives (the schemas default to ../shared/schemas beside the repository).
/// </summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, name => variables?.GetValueOrDefault(name));
        var code = await CliApp.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    public static IReadOnlyList<string> Commands { get; } = ["up", "plan", "rehearse", "status", "down"];
}
