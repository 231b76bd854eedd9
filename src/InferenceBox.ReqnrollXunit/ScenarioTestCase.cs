using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// One scenario (or outline row) as an xUnit test case. It runs as any xUnit test case does, except when the test run
/// could not start for a known reason (<see cref="IRunStartFailure"/>): then the first case reports that reason once, as
/// a run error, and every case is reported not run, instead of each failing with the same error and stack trace.
/// </summary>
public sealed class ScenarioTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    private static int _blockReported;

    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer")]
    public ScenarioTestCase() { }

    private ScenarioTestCase(IXunitTestMethod method, string displayName, string uniqueId, string? skipReason,
        Dictionary<string, HashSet<string>> traits, object?[] arguments, string? sourceFile, int line)
        : base(method, displayName, uniqueId, @explicit: false, skipReason: skipReason, traits: traits,
            testMethodArguments: arguments, sourceFilePath: sourceFile, sourceLineNumber: line) { }

    public static ScenarioTestCase Create(ScenarioTestMethod method, ParsedFeature feature, int pickleIndex, string name,
        string? skip, Dictionary<string, HashSet<string>> traits, int line, BridgeSettings settings)
    {
        var source = settings.ProjectDirectory is { } dir ? Path.Combine(dir, feature.RelativePath) : feature.RelativePath;
        // An ignored scenario carries its skip reason, so xUnit skips it without running anything, as the official
        // generator's Skip = "Ignored" does; SkippedScenarioReport puts it into the living doc.
        return new ScenarioTestCase(method, name, TestIds.Of("case", $"{feature.RelativePath}#{pickleIndex}"), skip, traits,
            [feature.RelativePath, pickleIndex], source, line);
    }

    public int PickleIndex => TestMethodArguments is [_, int index] ? index : 0;

    public override async ValueTask<IReadOnlyCollection<IXunitTest>> CreateTests()
    {
        var tests = await base.CreateTests();
        if (ReqnrollRun.StartFailure is not IRunStartFailure) return tests;
        // Not run: xUnit reports an explicit test it was not asked to run as "not run".
        return tests.Select(t => (IXunitTest)new XunitTest(this, TestMethod, true, null, null, null, null,
            t.TestDisplayName, 0, t.Traits, null, t.TestMethodArguments, t.TestLabel, false)).ToList();
    }

    public async ValueTask<RunSummary> Run(ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource, ParallelMode parallelMode,
        ExecutionScheduler executionScheduler, FixtureMappingManager fixtureMappingManager)
    {
        if (ReqnrollRun.StartFailure is IRunStartFailure known)
        {
            if (Interlocked.Exchange(ref _blockReported, 1) == 0)
                messageBus.QueueMessage(ErrorMessage.FromException(new RunCouldNotStart(known), TestCollection.TestAssembly.UniqueID));
            Report(RunStartNotice.Line);
            messageBus = new NotRunNoticeBus(messageBus, RunStartNotice.Line);
        }
        else if (SkipReason is not null) Report(null);
        return await XunitRunnerHelper.RunXunitTestCase(this, messageBus, cancellationTokenSource, parallelMode, executionScheduler,
            aggregator, explicitOption == ExplicitOption.Only ? ExplicitOption.Only : ExplicitOption.Off, constructorArguments, fixtureMappingManager);
    }

    /// <summary>Tells the living doc about a scenario xUnit reports without running it (not for a parse error's case).</summary>
    private void Report(string? reason)
    {
        if (PickleIndex >= 0 && BridgePlugin.GlobalContainer is { } global)
            SkippedScenarioReport.Record((string)TestMethodArguments[0]!, PickleIndex, reason, global.Resolve<Reqnroll.Time.IClock>());
    }
}

/// <summary>The one block a run that could not start prints: cause, fix, and that every scenario is reported not run.</summary>
public sealed class RunCouldNotStart(IRunStartFailure failure) : Exception(
    "The test run could not start." + Environment.NewLine +
    "Cause: " + failure.Cause + Environment.NewLine +
    "Fix:   " + failure.Fix.Replace("\n", "\n       ") + Environment.NewLine +
    "Every scenario below is reported as not run (skipped) because of this.")
{
    public override string? StackTrace => null;
}
