using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Graph;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class PhaseExecutorTests
{
    private readonly RecordingProgress _progress = new();

    [Fact]
    public async Task Independent_phases_overlap_and_dependents_wait_for_their_dependencies()
    {
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var root = new FakePhase("root");
        var a = new FakePhase("a", 10, "root") { Body = async _ => { aStarted.SetResult(); await bStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)); } };
        var b = new FakePhase("b", 10, "root") { Body = async _ => { bStarted.SetResult(); await aStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)); } };
        var order = new List<string>();
        var c = new FakePhase("c", 10, "a", "b") { Body = _ => { order.Add($"c after a={a.Runs} b={b.Runs}"); return Task.CompletedTask; } };

        var outcomes = await new PhaseExecutor(_progress).RunAsync(new PhasePlan([c, b, a, root]), CancellationToken.None);

        outcomes.Should().OnlyContain(o => o.Status == PhaseStatus.Fresh);
        order.Should().Equal("c after a=1 b=1");
        _progress.Events.Where(e => e.Kind == ProgressKind.Done).Select(e => e.Phase).Last().Should().Be("c");
    }

    [Fact]
    public async Task A_warm_plan_runs_no_phase()
    {
        var phases = new[] { new FakePhase("x") { Satisfied = true }, new FakePhase("y", 5, "x") { Satisfied = true } };

        var outcomes = await new PhaseExecutor(_progress).RunAsync(new PhasePlan(phases), CancellationToken.None);

        outcomes.Should().OnlyContain(o => o.Status == PhaseStatus.Reused);
        phases.Should().OnlyContain(p => p.Runs == 0);
        _progress.Events.Should().OnlyContain(e => e.Kind == ProgressKind.Skipped && e.Message == "already satisfied");
    }

    [Fact]
    public async Task A_failing_phase_stops_its_dependents_while_independent_phases_finish()
    {
        var bad = new FakePhase("bad") { Body = _ => throw new InvalidOperationException("helm exploded") };
        var child = new FakePhase("child", 5, "bad");
        var grandchild = new FakePhase("grandchild", 5, "child");
        var independent = new FakePhase("independent");

        var outcomes = (await new PhaseExecutor(_progress).RunAsync(new PhasePlan([bad, child, grandchild, independent]), CancellationToken.None))
            .ToDictionary(o => o.Phase);

        outcomes["bad"].Status.Should().Be(PhaseStatus.Failed);
        outcomes["bad"].Cause.Should().Be("helm exploded");
        outcomes["child"].Should().Match<PhaseOutcome>(o => o.Status == PhaseStatus.NotRun && o.Cause == "not run: bad failed");
        outcomes["grandchild"].Cause.Should().Be("not run: child was not run");
        outcomes["independent"].Status.Should().Be(PhaseStatus.Fresh);
        child.Runs.Should().Be(0);
        _progress.Lines.Should().Contain(l => l.Contains("[failed ] bad: helm exploded"));
    }

    [Fact]
    public void The_plan_refuses_unknown_dependencies_and_cycles()
    {
        FluentActions.Invoking(() => new PhasePlan([new FakePhase("a", 1, "ghost")]))
            .Should().Throw<InvalidOperationException>().WithMessage("*'a' depends on unknown phase 'ghost'*");
        FluentActions.Invoking(() => new PhasePlan([new FakePhase("a", 1, "b"), new FakePhase("b", 1, "a")]))
            .Should().Throw<InvalidOperationException>().WithMessage("*cycle*a, b*");
    }

    [Fact]
    public void The_critical_path_is_the_longest_chain_by_estimate()
    {
        var plan = new PhasePlan([new FakePhase("root", 10), new FakePhase("short", 5, "root"), new FakePhase("long", 50, "root"),
            new FakePhase("end", 1, "short", "long")]);

        var (chain, length) = plan.CriticalPath();

        chain.Select(p => p.Name).Should().Equal("root", "long", "end");
        length.Should().Be(TimeSpan.FromSeconds(61));
        plan.SerialSum.Should().Be(TimeSpan.FromSeconds(66));
        plan.Waves.Select(w => w.Count).Should().Equal(1, 2, 1);
    }
}
