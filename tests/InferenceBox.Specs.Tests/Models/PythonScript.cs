using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>
/// Runs a script under models/ with Debian's python3, the one CI installs python3-sklearn into. The scripts exit 3
/// when scikit-learn or joblib is missing; that becomes a failure saying what to install, never a silent pass.
/// </summary>
internal static class PythonScript
{
    public const string Python = "/usr/bin/python3";
    public const string InstallHint = "apt-get install -y python3-sklearn python3-joblib";
    private const int MissingPackagesExitCode = 3;

    // The scripts import scikit-learn and fit or predict a few tiny models: seconds, so a minute means a hang.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public sealed record Run(int ExitCode, string StandardOutput, string Transcript);

    public static async Task<Run> RunAsync(params string[] args)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing. The model checks need Debian's python3: {InstallHint}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        timeout.CancelAfter(Budget);
        var result = await Cli.Wrap(Python).WithArguments(args).WithWorkingDirectory(RepoPaths.Root)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);

        var transcript = $"{Python} {string.Join(' ', args)} -> exit code {result.ExitCode}\n" +
                         $"stdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}";
        if (result.ExitCode == MissingPackagesExitCode)
            throw new InvalidOperationException($"scikit-learn or joblib is missing for {Python}. Install them: {InstallHint}\n{transcript}");
        return new Run(result.ExitCode, result.StandardOutput, transcript);
    }
}
