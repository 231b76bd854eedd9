using FluentAssertions;

namespace InferenceBox.ReqnrollXunit.Tests;

/// <summary>A run that cannot start for a known reason: one block with cause and fix, then every scenario not run.</summary>
[Collection(FixtureSuiteCollection.Name)]
public sealed class RunStartTests(FixtureSuite suite)
{
    [Fact]
    public async Task A_known_start_failure_prints_one_block_and_reports_every_scenario_not_run()
    {
        var run = await suite.RunAsync("blocked", new Dictionary<string, string?> { ["FIXTURE_BLOCK_START"] = "1" });
        var lines = run.ConsoleOutput.Split('\n');

        run.ExitCode.Should().NotBe(0, "a run that could not start has failed");
        lines.Count(l => l.Contains("The fixture's engine is not reachable.")).Should().Be(1, "the cause is printed once");
        run.ConsoleOutput.Should().Contain("Start the engine, or unset FIXTURE_BLOCK_START.");
        run.ConsoleOutput.Should().NotContain("   at ", "a known cause needs no stack trace");
        run.Results.Should().NotBeEmpty().And.OnlyContain(r => r.Outcome == "NotExecuted");
        run.ConsoleOutput.Should().Contain("Every scenario below is reported as not run");
        lines.Length.Should().BeLessThan(100);
    }
}
