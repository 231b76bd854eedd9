using System.Collections.Specialized;
using Io.Cucumber.Messages.Types;
using Reqnroll;

namespace InferenceBox.ReqnrollXunit;

/// <summary>Runs one pickle through the real Reqnroll runtime, in the order Reqnroll's generated code does.</summary>
internal static class ScenarioExecutor
{
    public static async Task RunAsync(string featureFile, int pickleIndex, CancellationToken cancellationToken)
    {
        ReqnrollRun.ThrowIfStartFailed();
        var feature = ParsedFeature.Get(featureFile);
        if (feature.ParseError is not null) throw feature.ParseError;
        var pickle = feature.PickleList[pickleIndex];
        var info = feature.Info!;

        var runner = TestRunnerManager.GetTestRunnerForAssembly(ReqnrollRun.TestAssembly, ReqnrollRun.ContainerBuilder, info);
        var initialized = false;
        try
        {
            if (runner.FeatureContext?.FeatureInfo is { } current && !ReferenceEquals(current, info))
                await runner.OnFeatureEndAsync();
            if (runner.FeatureContext is null)
            {
                await runner.OnFeatureStartAsync(info);
                FeatureLifetimes.MarkStarted(featureFile, info);
            }
            if (runner.FeatureContext!.BeforeFeatureHookFailed)
                throw new InvalidOperationException(
                    $"[BeforeFeature] of '{info.Title}' failed: {runner.FeatureContext.BeforeFeatureHookError?.Message}",
                    runner.FeatureContext.BeforeFeatureHookError);

            runner.OnScenarioInitialize(ScenarioInfoOf(feature, pickleIndex, pickle), RuleInfoOf(feature, pickle));
            initialized = true;
            await runner.OnScenarioStartAsync();
            foreach (var step in pickle.Steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await RunStepAsync(runner, feature.Index.KeywordOf(step), step);
            }
            await runner.CollectScenarioErrorsAsync();
        }
        finally
        {
            if (initialized) await runner.OnScenarioEndAsync();
            TestRunnerManager.ReleaseTestRunner(runner);
            await FeatureLifetimes.ScenarioFinishedAsync(featureFile);
        }
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

    private static ScenarioInfo ScenarioInfoOf(ParsedFeature feature, int pickleIndex, Pickle pickle)
    {
        var scenario = feature.Index.ScenarioOf(pickle);
        var rule = feature.Index.RuleOf(pickle);
        var example = feature.Index.ExampleOf(pickle);
        var inherited = feature.Info!.Tags.Concat(rule?.Tags.Select(t => t.Name.TrimStart('@')) ?? []).ToArray();
        var own = scenario.Tags.Concat(example?.Examples.Tags ?? []).Select(t => t.Name.TrimStart('@')).ToArray();
        var arguments = new OrderedDictionary();
        foreach (var (header, value) in example?.Cells ?? []) arguments[header] = value;
        return new ScenarioInfo(pickle.Name, scenario.Description, own, arguments, inherited, pickleIndex.ToString());
    }

    private static RuleInfo? RuleInfoOf(ParsedFeature feature, Pickle pickle) =>
        feature.Index.RuleOf(pickle) is { } rule
            ? new RuleInfo(rule.Name, rule.Description, rule.Tags.Select(t => t.Name.TrimStart('@')).ToArray())
            : null;
}
