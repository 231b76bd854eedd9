using System.Collections.Specialized;
using System.Reflection;
using Io.Cucumber.Messages.Types;
using Exception = System.Exception;
using Reqnroll;
using Xunit;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// Runs one pickle through the real Reqnroll runtime in the order the official generator's code does
/// (reqnroll/Reqnroll@v3.3.3:Reqnroll.Generator/Generation/UnitTestFeatureGenerator.cs: TestInitialize, ScenarioInitialize,
/// the test body, ScenarioCleanup, TestCleanup; UnitTestMethodGenerator.cs: the body).
/// </summary>
internal static class ScenarioExecutor
{
    public static async Task RunAsync(Assembly testAssembly, string featureFile, int pickleIndex, CancellationToken cancellationToken)
    {
        ReqnrollRun.ThrowIfStartFailed();
        var feature = ParsedFeature.Get(testAssembly, featureFile);
        if (feature.ParseError is not null) throw feature.ParseError;
        var pickle = feature.PickleList[pickleIndex];
        var info = feature.Info!;

        var runner = await InitializeAsync(info);
        Exception? failure = null;
        try
        {
            var scenarioInfo = ScenarioInfoOf(feature, pickleIndex, pickle);
            runner.OnScenarioInitialize(scenarioInfo, RuleInfoOf(feature, pickle));
            // XUnit3TestGeneratorProvider.FinalizeTestClass: the scenario container gets the test's ITestOutputHelper.
            // Through the test project's output filter, when it registered one (OutputFilter.cs).
            if (TestContext.Current.TestOutputHelper is { } output)
                runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs<ITestOutputHelper>(
                    OutputFilters.Of(BridgePlugin.GlobalContainer) is { } filter ? new FilteringOutputHelper(output, filter) : output);
            if (ReqnrollRun.DryRun) TestContext.Current.TestOutputHelper?.WriteLine(ReqnrollRun.DryRunNote);
            // An ignored scenario never gets here: xUnit skips it (ScenarioTestCase), as the official generator's Skip does.
            await runner.OnScenarioStartAsync();
            foreach (var step in pickle.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RunStepAsync(runner, feature.Index.KeywordOf(step), step);
            }
            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception e) { failure = e; }
        await CleanupAsync(runner, failure);
    }

    /// <summary>TestInitialize: the runner for this feature, ending another feature it still holds, starting this one.</summary>
    private static async Task<ITestRunner> InitializeAsync(FeatureInfo info)
    {
        var runner = TestRunnerManager.GetTestRunnerForAssembly(ReqnrollRun.TestAssembly, ReqnrollRun.ContainerBuilder, info);
        try
        {
            try
            {
                if (runner.FeatureContext is not null && !runner.FeatureContext.FeatureInfo.Equals(info))
                    await runner.OnFeatureEndAsync();
            }
            finally
            {
                if (runner.FeatureContext is { BeforeFeatureHookFailed: true })
                    throw new ReqnrollException("Scenario skipped because of previous before feature hook error");
                if (runner.FeatureContext is null) await runner.OnFeatureStartAsync(info);
            }
        }
        catch
        {
            // The xUnit v3 provider calls the test's DisposeAsync when initialization fails, so the runner is released.
            TestRunnerManager.ReleaseTestRunner(runner);
            throw;
        }
        return runner;
    }

    /// <summary>TestCleanup: end the scenario, and release the runner whatever happens, so the feature keeps it.</summary>
    private static async Task CleanupAsync(ITestRunner runner, Exception? failure)
    {
        try
        {
            await runner.OnScenarioEndAsync();
        }
        catch (Exception cleanup)
        {
            failure = failure is null ? cleanup : new AggregateException(failure, cleanup);
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
        if (failure is null) return;
        var reported = OutputFilters.Filtered(failure, OutputFilters.Of(BridgePlugin.GlobalContainer));
        if (!ReferenceEquals(reported, failure)) throw reported;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    private static Task RunStepAsync(ITestRunner runner, string keyword, PickleStep step)
    {
        var docString = step.Argument?.DocString?.Content;
        var table = TableOf(step.Argument?.DataTable);
        return step.Type switch
        {
            PickleStepType.CONTEXT => runner.GivenAsync(step.Text, docString, table, keyword),
            PickleStepType.ACTION => runner.WhenAsync(step.Text, docString, table, keyword),
            PickleStepType.OUTCOME => runner.ThenAsync(step.Text, docString, table, keyword),
            _ => runner.AndAsync(step.Text, docString, table, keyword),
        };
    }

    private static Table? TableOf(PickleTable? source)
    {
        if (source is null || source.Rows.Count == 0) return null;
        var table = new Table(source.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in source.Rows.Skip(1)) table.AddRow(row.Cells.Select(c => c.Value).ToArray());
        return table;
    }

    /// <summary>As the generator builds it: the scenario's own name (an outline's, not the row's), its and its examples'
    /// tags, the feature's and rule's tags as inherited, the row's values as arguments.</summary>
    private static ScenarioInfo ScenarioInfoOf(ParsedFeature feature, int pickleIndex, Pickle pickle)
    {
        var scenario = feature.Index.ScenarioOf(pickle);
        var rule = feature.Index.RuleOf(pickle);
        var example = feature.Index.ExampleOf(pickle);
        var inherited = feature.Info!.Tags.Concat(rule?.Tags.Select(t => t.Name.TrimStart('@')) ?? []).ToArray();
        var own = scenario.Tags.Concat(example?.Examples.Tags ?? []).Select(t => t.Name.TrimStart('@')).ToArray();
        var arguments = new OrderedDictionary();
        foreach (var (header, value) in example?.Cells ?? []) arguments[header] = value;
        return new ScenarioInfo(scenario.Name, scenario.Description, own, arguments, inherited, pickleIndex.ToString());
    }

    private static RuleInfo? RuleInfoOf(ParsedFeature feature, Pickle pickle) =>
        feature.Index.RuleOf(pickle) is { } rule
            ? new RuleInfo(rule.Name, rule.Description, rule.Tags.Select(t => t.Name.TrimStart('@')).ToArray())
            : null;
}
