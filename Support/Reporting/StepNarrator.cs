using InferenceBox.Platform.Progress;
using Reqnroll;
using Reqnroll.Events;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// The story of a run as it unfolds, on the live channel: each scenario as it starts, each step as it ends (its
/// Given/When/Then, ✓ passed, ✗ failed, – skipped, and how long it took), then the scenario's verdict. It listens to
/// Reqnroll's execution events on the scenario's own thread, as Reqnroll's message publisher does
/// (reqnroll/Reqnroll@v3.3.3:Reqnroll/Formatters/PubSub/CucumberMessagePublisher.cs), so a step shows when it ends,
/// not when the test does. One instance per test thread; the events of a thread come in order.
/// </summary>
public sealed class StepNarrator(Func<IProgressChannel?> progress) : IAsyncExecutionEventListener
{
    public const string ScenarioPhase = "scenario";
    public const string StepPhase = "step";
    private DateTime _stepStarted;

    public Task OnEventAsync(IExecutionEvent executionEvent)
    {
        if (progress() is not { } channel) return Task.CompletedTask;
        switch (executionEvent)
        {
            case ScenarioStartedEvent started:
                channel.Report(new ProgressEvent(ProgressKind.Started, ScenarioPhase, Title(started.FeatureContext, started.ScenarioContext)));
                break;
            case StepStartedEvent step:
                _stepStarted = step.Timestamp;
                break;
            case StepFinishedEvent step:
                channel.Report(new ProgressEvent(ProgressKind.Step, StepPhase, StepLine(step.StepContext), step.Timestamp - _stepStarted));
                break;
            case ScenarioFinishedEvent finished:
                channel.Report(Verdict(finished.FeatureContext, finished.ScenarioContext));
                break;
        }
        return Task.CompletedTask;
    }

    public static string StepLine(IScenarioStepContext step)
    {
        var mark = step.Status switch
        {
            ScenarioExecutionStatus.OK => "✓",
            ScenarioExecutionStatus.Skipped => "–",
            _ => "✗",
        };
        var keyword = step.StepInfo.StepInstance?.Keyword.Trim() ?? step.StepInfo.StepDefinitionType.ToString();
        var why = step.Status is ScenarioExecutionStatus.OK or ScenarioExecutionStatus.Skipped ? "" : $" [{step.Status}]";
        return $"{mark} {keyword} {step.StepInfo.Text}{why}";
    }

    private static ProgressEvent Verdict(IFeatureContext feature, IScenarioContext scenario)
    {
        var title = Title(feature, scenario);
        return scenario.ScenarioExecutionStatus switch
        {
            ScenarioExecutionStatus.OK => new(ProgressKind.Done, ScenarioPhase, $"✓ PASSED {title}"),
            ScenarioExecutionStatus.Skipped => new(ProgressKind.Skipped, ScenarioPhase, $"– SKIPPED {title}: {FirstLine(scenario.TestError)}"),
            var status => new(ProgressKind.Failed, ScenarioPhase, $"✗ FAILED {title} ({status}): {FirstLine(scenario.TestError)}"),
        };
    }

    private static string Title(IFeatureContext feature, IScenarioContext scenario) =>
        $"{feature.FeatureInfo.Title}: {scenario.ScenarioInfo.Title}" +
        (scenario.ScenarioInfo.Arguments.Count == 0 ? "" : $" [{string.Join(", ", scenario.ScenarioInfo.Arguments.Values.Cast<object?>())}]");

    private static string FirstLine(Exception? error)
    {
        var message = error?.Message ?? "no reason given";
        if (message.StartsWith("$XunitDynamicSkip$", StringComparison.Ordinal)) message = message["$XunitDynamicSkip$".Length..];
        return message.Split('\n')[0].Trim();
    }
}
