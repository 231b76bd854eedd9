using Reqnroll.BoDi;
using Reqnroll.Formatters.Configuration;
using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// When the test run could not start for a known reason: the block (cause and fix) is printed once at the top of the
/// output and kept in run-start.txt beside the run's reports, and every scenario not run carries one line pointing to
/// it, in the TRX (the not-run result's output) and in the living doc (<see cref="SkippedScenarioReport"/>).
/// The reports' folder is the one of Reqnroll's file formatters as reqnroll.json configures them (html, else message),
/// resolved as Reqnroll resolves it (reqnroll/Reqnroll@v3.3.3:Reqnroll/Formatters/FileWritingFormatterBase.cs:
/// "outputFilePath" with its placeholders, the current folder when it names none). No formatter, no file.
/// </summary>
internal static class RunStartNotice
{
    public const string FileName = "run-start.txt";

    /// <summary>Where the block was kept, if anywhere.</summary>
    public static string? BlockFile { get; private set; }

    /// <summary>The one line each scenario not run carries.</summary>
    public static string Line =>
        "Not run: the test run could not start; its cause and fix are in the block at the top of the test output" +
        (BlockFile is null ? "." : $" and in {BlockFile}.");

    public static void Keep(RunCouldNotStart block, IObjectContainer? globalContainer)
    {
        if (ReportsFolder(globalContainer) is not { } folder) return;
        try
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, FileName);
            File.WriteAllText(file, block.Message + Environment.NewLine);
            BlockFile = file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BlockFile = null; // the console block is still there; the line then points to it alone
        }
    }

    private static string? ReportsFolder(IObjectContainer? globalContainer)
    {
        if (globalContainer?.Resolve<IFormattersConfigurationProvider>() is not { Enabled: true } formatters) return null;
        foreach (var name in new[] { "html", "message" })
        {
            if (formatters.GetFormatterConfigurationByName(name) is not { } settings) continue;
            var configured = settings.TryGetValue("outputFilePath", out var path) ? path?.ToString()?.Trim() : null;
            if (string.IsNullOrEmpty(configured)) return Path.GetFullPath(".");
            return Path.GetDirectoryName(Path.GetFullPath(formatters.ResolveTemplatePlaceholders(configured)));
        }
        return null;
    }
}

/// <summary>Gives each not-run result of a test case the notice line as its output (the TRX shows it with the result).</summary>
internal sealed class NotRunNoticeBus(IMessageBus inner, string line) : IMessageBus
{
    public bool QueueMessage(IMessageSinkMessage message) => inner.QueueMessage(message is ITestNotRun notRun
        ? new TestNotRun
        {
            AssemblyUniqueID = notRun.AssemblyUniqueID,
            ExecutionTime = notRun.ExecutionTime,
            FinishTime = notRun.FinishTime,
            Output = line + Environment.NewLine,
            TestCaseUniqueID = notRun.TestCaseUniqueID,
            TestClassUniqueID = notRun.TestClassUniqueID,
            TestCollectionUniqueID = notRun.TestCollectionUniqueID,
            TestMethodUniqueID = notRun.TestMethodUniqueID,
            TestUniqueID = notRun.TestUniqueID,
            Warnings = notRun.Warnings,
        }
        : message);

    /// <summary>The bus belongs to the caller.</summary>
    public void Dispose() { }
}
