using System.Text.Json;
using System.Text.Json.Serialization;
using CliWrap;
using CliWrap.Buffered;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>Runs models/check_models.py with Debian's python3 (the one CI installs python3-sklearn into).</summary>
internal static class CheckModelsScript
{
    public const string Python = "/usr/bin/python3";
    public const string InstallHint = "apt-get install -y python3-sklearn python3-joblib";

    // The script imports scikit-learn and predicts twice per model: seconds, so a minute means it hung.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, Report? Report, string Output)> RunAsync(string? catalog = null)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} is missing. The model check needs Debian's python3: {InstallHint}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Xunit.TestContext.Current.CancellationToken);
        timeout.CancelAfter(Budget);
        string[] args = catalog is null ? ["models/check_models.py", "--json"] : ["models/check_models.py", "--json", "--catalog", catalog];
        var result = await Cli.Wrap(Python).WithArguments(args).WithWorkingDirectory(RepoPaths.Root)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);

        var output = $"exit code {result.ExitCode}\nstdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}";
        if (result.ExitCode == 3)
            throw new InvalidOperationException($"scikit-learn or joblib is missing for {Python}. Install them: {InstallHint}\n{output}");
        var report = result.StandardOutput.TrimStart().StartsWith('{')
            ? JsonSerializer.Deserialize<Report>(result.StandardOutput, Json)
            : null;
        return (result.ExitCode, report, output);
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public sealed record Report(bool Ok, IReadOnlyDictionary<string, string> Versions, IReadOnlyList<Result> Results,
        IReadOnlyList<VersionPair> VersionPairs);

    public sealed record Result(string Model, string Name, string Version, string Tenant, string Status, string Reason,
        long[]? Expected, long[]? Actual);

    public sealed record VersionPair(string Name, string A, string B, long[] AOutput, long[] BOutput,
        [property: JsonPropertyName("differ")] bool Differ);
}
