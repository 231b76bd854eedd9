using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>Around the phases: the leftover sweep at run start, the teardown policy at run end, the dry-run plan.</summary>
public sealed class RunLifecycleTests : IDisposable
{
    private const int PhaseCount = 24;
    private readonly PlatformFixture _f = new();

    [Fact]
    public async Task Leftovers_of_earlier_runs_are_swept_and_this_runs_objects_kept()
    {
        var key = Path.Combine(_f.Root, "key.pem");
        _f.Settings = _f.Settings with { SigningKeyFile = key };
        _f.MakeWarm(key);
        const string Suite = InferenceBox.Platform.Run.RunContext.ManagedBy;
        // The fake answers every label selector with all of these: the sweep checks both labels again itself.
        _f.Cluster.Labelled.AddRange([new("Namespace", null, "scenario-old", "run-old", Suite), new("Pod", "scenario-old", "client", "run-old", Suite),
            new("InferenceService", "tenant-a", "probe-old", "run-old", Suite), new("Pod", "tenant-b", "client-now", "run-now", Suite),
            new("Secret", "tenant-b", "another-tools", "run-old", "Helm"), new("Pod", "tenant-c", "unmarked", "run-old")]);
        using var provisioner = _f.Provisioner("run-now");

        var report = await provisioner.ProvisionAsync(CancellationToken.None);

        _f.Cluster.Deleted.Select(d => $"{d.Kind} {d.Name}").Should().BeEquivalentTo("Namespace scenario-old", "InferenceService probe-old");
        report.LeftoversSwept.Should().Be(2);
    }

    [Fact]
    public async Task Teardown_follows_the_policy()
    {
        foreach (var (policy, passed, deletes) in new[] { (TeardownPolicy.Keep, true, false), (TeardownPolicy.Delete, false, true),
                     (TeardownPolicy.DeleteOnSuccess, false, false), (TeardownPolicy.DeleteOnSuccess, true, true) })
        {
            _f.Tools.Commands.Clear();
            _f.Settings = _f.Settings with { Teardown = policy };
            using var provisioner = _f.Provisioner();
            await provisioner.OnRunEndAsync(passed, TestContext.Current.CancellationToken);
            _f.Tools.Commands.Contains("kind delete cluster --name inference-in-a-box").Should().Be(deletes, $"{policy}, all passed {passed}");
        }
    }

    [Fact]
    public void The_dry_run_prints_the_waves_and_the_critical_path_against_the_serial_sum()
    {
        using var provisioner = _f.Provisioner();

        provisioner.PrintPlan();

        var lines = _f.Progress.Lines.ToList();
        lines.Should().Contain(l => l.StartsWith("[plan   ] model-weights: wave 1; after []; budget weights-download (10 min)"));
        lines.Should().Contain(l => l.StartsWith("[plan   ] cluster: wave 2; after [model-weights]; budget cluster-create (4 min)"));
        lines.Should().Contain(l => l.StartsWith("[plan   ] models: wave ") && l.Contains("after [kserve, tenants, net-istio]"));
        lines.Last().Should().MatchRegex($@"critical-path: model-weights -> cluster -> .* -> models = \d+s cold, vs \d+s run one after another \({PhaseCount} phases in \d+ waves\)");
        _f.Tools.Commands.Should().BeEmpty();
    }

    public void Dispose() => _f.Dispose();
}
