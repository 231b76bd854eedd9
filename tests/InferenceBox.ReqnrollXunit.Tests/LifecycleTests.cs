namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>Injection of the output helpers, and the scenario and feature lifecycle when a hook fails.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class LifecycleTests(FixtureSuite suite)
{
    [Fact]
    public async Task A_step_class_takes_IReqnrollOutputHelper_and_xunit_ITestOutputHelper()
    {
        // reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.ReqnrollPlugin/RuntimePlugin.cs registers ReqnrollAttachmentHandler;
        // Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs registers ITestOutputHelper per scenario.
        var scenario = (await FullRun.Of(suite)).Case("Output: Writes through both helpers");
        scenario.Outcome.Should().Be("Passed", scenario.Message);
        scenario.Output.Should().Contain("line from IReqnrollOutputHelper").And.Contain("line from ITestOutputHelper");
    }

    [Fact]
    public async Task A_failing_AfterScenario_fails_its_scenario_and_the_feature_keeps_its_runner_and_context()
    {
        var run = await FullRun.Of(suite);
        run.Case("Cleanup: After scenario hook fails").Should().Match<CaseResult>(c =>
            c.Outcome == "Failed" && c.Message.Contains("after-scenario hook failed on purpose"));
        run.Case("Cleanup: Next scenario of the same feature").Outcome.Should().Be("Passed", "the feature context is still there");
        run.Case("Cleanup: Last scenario of the same feature").Outcome.Should().Be("Passed");
        var hooks = run.Hooks.ToList();
        hooks.Count(h => h == "BeforeFeature Cleanup").Should().Be(1, "the released runner is reused, not replaced");
        hooks.IndexOf("AfterFeature Cleanup").Should().BeLessThan(hooks.IndexOf("AfterTestRun"));
        hooks.IndexOf("AfterFeature Cleanup").Should().BeGreaterThan(hooks.IndexOf("BeforeScenario Last scenario of the same feature"));
    }

    [Fact]
    public async Task A_failing_AfterFeature_is_a_class_cleanup_failure_not_a_failure_of_the_last_scenario()
    {
        // The official integration releases the feature in its class fixture's DisposeAsync
        // (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs, SetTestClassCleanupMethod),
        // so xUnit reports a test class cleanup failure, which the VSTest adapter adds to each test of the class
        // (xunit/visualstudio.xunit@rel/4.0.0:src/xunit.runner.visualstudio/Sinks/VsExecutionSink.cs, HandleTestClassCleanupFailure).
        var run = await FullRun.Of(suite);
        run.Case("Feature teardown: First passing scenario").Outcome.Should().Be("Passed");
        run.Case("Feature teardown: Last passing scenario").Outcome.Should().Be("Passed", "the after-feature error is not this scenario's");
        run.ConsoleOutput.Should().Contain("[Test Class Cleanup Failure (ReqnrollXunit.Fixture.Features.FeatureTeardownFeature)]")
            .And.Contain("after-feature hook failed on purpose");
        run.ExitCode.Should().NotBe(0);
    }

    [Fact]
    public async Task An_ignored_scenario_is_skipped_by_xunit_and_never_starts_its_feature()
    {
        // The official generator gives an ignored scenario's test method Skip = "Ignored", and every method of an ignored
        // feature too (reqnroll/Reqnroll@v3.3.3:Plugins/Reqnroll.xUnit3.Generator.ReqnrollPlugin/XUnit3TestGeneratorProvider.cs,
        // SetTestMethodIgnore, SetTestClassIgnore), so xUnit never runs it: no runner, no feature start, no hook.
        var run = await FullRun.Of(suite);
        run.Case("Ignored feature: Left out").Should().Match<CaseResult>(c => c.Outcome == "NotExecuted" && c.Message == "Ignored");
        run.Hooks.Should().NotContain(h => h.Contains("Ignored feature"), "no scenario of the feature runs, so the feature never starts");
    }
}
