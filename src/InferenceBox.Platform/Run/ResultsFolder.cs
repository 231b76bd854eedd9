using InferenceBox.Platform.Provisioning;

namespace InferenceBox.Platform.Run;

/// <summary>
/// Every run owns its results folder: before anything is written, the entries a run writes are deleted, so no report,
/// log or diagnostics of an earlier run (a dry run's reports beside the last real run's bootstrap.log and its failure)
/// can be read as this run's. Only these names are touched; anything else a user keeps there stays.
/// </summary>
public static class ResultsFolder
{
    public const string LivingDoc = "living-doc.html";
    public const string Messages = "cucumber-messages.ndjson";
    public const string ScenariosFolder = "scenarios";
    public const string ReportJson = "conformance-report.json";
    public const string ReportMarkdown = "conformance-report.md";
    /// <summary>The start-failure block the runner bridge keeps beside the reports (src/InferenceBox.ReqnrollXunit).</summary>
    public const string RunStartBlock = "run-start.txt";

    /// <summary>What a run writes (reqnroll.json names the first two; the provisioner, diagnostics, report and the bridge's start block the rest).</summary>
    public static IReadOnlyList<string> RunOwned { get; } =
        [LivingDoc, Messages, BootstrapLog.FileName, Provisioner.ReportFileName, ReportJson, ReportMarkdown, RunStartBlock, ScenariosFolder];

    /// <summary>Creates the folder and deletes what an earlier run wrote there; returns the names it removed.</summary>
    public static IReadOnlyList<string> Claim(string resultsDir)
    {
        Directory.CreateDirectory(resultsDir);
        var removed = new List<string>();
        foreach (var name in RunOwned)
        {
            var path = Path.Combine(resultsDir, name);
            if (File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else continue;
            removed.Add(name);
        }
        return removed;
    }
}
