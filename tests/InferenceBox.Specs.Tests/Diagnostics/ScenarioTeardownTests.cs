using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Diagnostics;

public sealed class ScenarioTeardownTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "ibx-teardown-" + Guid.NewGuid().ToString("N"));
    private readonly ScenarioIdentity _scenario = ScenarioIdentity.For("Tenant isolation", "quota");
    private readonly List<string> _deleted = [];

    public void Dispose()
    {
        if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true);
    }

    private RunContext Run(bool keepOnFailure = false, bool dryRun = false) =>
        new(new InferenceBoxSettings { KeepOnFailure = keepOnFailure, DryRun = dryRun }, new Silent(), "run-1", _results);

    private ScenarioResources Created(RunContext run)
    {
        var resources = new ScenarioResources(run, _scenario);
        resources.Track(ObjectRef.Secret("tenant-a", "curl-1-token"));
        resources.Track(ObjectRef.Pod("tenant-a", "curl-1"));
        return resources;
    }

    private Func<ObjectRef, CancellationToken, Task> Delete(bool diagnosticsMustExist) => (obj, _) =>
    {
        if (diagnosticsMustExist)
            File.Exists(Path.Combine(FailureDiagnostics.FolderFor(_results, _scenario), "failure.txt")).Should().BeTrue("diagnostics come before cleanup");
        _deleted.Add(obj.ToString());
        return Task.CompletedTask;
    };

    [Fact]
    public async Task A_failed_scenario_is_diagnosed_first_then_cleaned_up_newest_first()
    {
        var run = Run();
        var result = await ScenarioTeardown.RunAsync(run, _scenario, new Exception("expected 403, got 200"), new ScenarioTimeline(), Created(run),
            null, Delete(diagnosticsMustExist: true), TestContext.Current.CancellationToken);

        result.Should().Be(TeardownResult.Deleted);
        _deleted.Should().Equal("Pod tenant-a/curl-1", "Secret tenant-a/curl-1-token");
    }

    [Fact]
    public async Task Keep_on_failure_keeps_the_objects_but_still_writes_the_diagnostics()
    {
        var run = Run(keepOnFailure: true);
        var result = await ScenarioTeardown.RunAsync(run, _scenario, new Exception("boom"), new ScenarioTimeline(), Created(run), null,
            Delete(diagnosticsMustExist: true), TestContext.Current.CancellationToken);

        result.Should().Be(TeardownResult.Kept);
        _deleted.Should().BeEmpty();
        Directory.Exists(FailureDiagnostics.FolderFor(_results, _scenario)).Should().BeTrue();
    }

    [Fact]
    public async Task A_passed_scenario_is_cleaned_up_without_diagnostics_even_with_keep_on_failure()
    {
        var run = Run(keepOnFailure: true);
        var result = await ScenarioTeardown.RunAsync(run, _scenario, null, new ScenarioTimeline(), Created(run), null,
            Delete(diagnosticsMustExist: false), TestContext.Current.CancellationToken);

        result.Should().Be(TeardownResult.Deleted);
        _deleted.Should().HaveCount(2);
        Directory.Exists(_results).Should().BeFalse();
    }

    [Fact]
    public async Task A_dry_run_does_nothing()
    {
        var run = Run(dryRun: true);
        (await ScenarioTeardown.RunAsync(run, _scenario, new Exception("x"), new ScenarioTimeline(), Created(run), null,
            Delete(false), TestContext.Current.CancellationToken)).Should().Be(TeardownResult.Skipped);
        _deleted.Should().BeEmpty();
        Directory.Exists(_results).Should().BeFalse();
    }

    [Fact]
    public async Task A_cleanup_failure_names_every_object_left_behind()
    {
        var run = Run();
        var act = () => ScenarioTeardown.RunAsync(run, _scenario, null, new ScenarioTimeline(), Created(run), null,
            (obj, _) => throw new HttpRequestException("API down"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*2 of 2*Pod tenant-a/curl-1: API down*Secret tenant-a/curl-1-token*");
    }

    private sealed class Silent : IProgressChannel
    {
        public void Report(ProgressEvent progressEvent) { }
    }
}
