using System.Text.Json;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>Runs models/check_models.py --json and reads its report.</summary>
internal static class CheckModelsScript
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<(int ExitCode, Report? Report, string Output)> RunAsync(string? catalog = null)
    {
        var run = catalog is null
            ? await PythonScript.RunAsync("models/check_models.py", "--json")
            : await PythonScript.RunAsync("models/check_models.py", "--json", "--catalog", catalog);
        // Exit code 2 (unreadable catalog) prints no report; the transcript then says why.
        var report = run.StandardOutput.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<Report>(run.StandardOutput, Json) : null;
        return (run.ExitCode, report, run.Transcript);
    }

    public sealed record Report(bool Ok, IReadOnlyDictionary<string, string> Versions, IReadOnlyList<Result> Results,
        IReadOnlyList<VersionPair> VersionPairs);

    public sealed record Result(string Model, string Name, string Version, string Tenant, string Status, string Reason,
        long[]? Expected, long[]? Actual);

    public sealed record VersionPair(string Name, string A, string B, long[] AOutput, long[] BOutput, bool Differ);
}
