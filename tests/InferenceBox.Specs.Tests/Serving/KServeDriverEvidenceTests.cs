using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Emulator;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Issue 15 item 6: a failed KServe wait (a canary that never gets Ready, a model that never scales to zero) leaves in the
/// scenario's timeline the wait, what it last saw, and the InferenceService as involved, so the failure diagnostics write
/// its status and conditions, its events and its predictor pods' logs, read through the cluster adapter. Against the API
/// server emulator (KServe + Knative + the ReplicaSet controller as it imitates them), not a hand-made fake.
/// </summary>
public sealed class KServeDriverEvidenceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ObjectRef Isvc = ObjectRef.InferenceService("tenant-a", "sklearn-iris");
    private readonly string _results = Directory.CreateTempSubdirectory("kserve-evidence-").FullName;
    private readonly ScenarioTimeline _timeline = new();

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public async Task A_canary_that_never_gets_Ready_leaves_the_InferenceService_its_conditions_and_its_events()
    {
        await using var api = await InferenceServiceTests.PlatformAsync();
        await api.CreateClient().ApplyAsync(api, InferenceServiceTests.Isvc("3Gi")); // the LimitRange refuses its predictor pod
        await api.SettledAsync(Ct);
        var cluster = new ClusterApi(api.CreateClient(), new WaitBudgets(0.005));

        var act = () => new KServeDriver(cluster, _timeline).PatchPredictorAndWaitAsync("tenant-a", "sklearn-iris",
            CanaryDriver.ServeOnlyPatch("pvc://models/sklearn-iris/v2"), Ct);

        await act.Should().ThrowAsync<WaitTimeoutException>();
        _timeline.Involved.Should().Contain(Isvc);
        _timeline.Entries.Where(e => e.Driver == KServeDriver.TimelineName).Select(e => e.What).Should()
            .Contain(w => w.StartsWith("merge-patch InferenceService tenant-a/sklearn-iris") && w.Contains("pvc://models/sklearn-iris/v2"))
            .And.Contain(w => w.Contains("NOT reached") && w.Contains("Ready=False") && w.Contains("maximum memory usage per Container is 2Gi"),
                "the timeout says what the wait last saw");

        var folder = await DiagnoseAsync(cluster);
        File.ReadAllText(Path.Combine(folder, "objects", "InferenceService_tenant-a_sklearn-iris.json")).Should()
            .Contain("\"conditions\"").And.Contain("RevisionFailed").And.Contain("maximum memory usage per Container is 2Gi");
        File.ReadAllText(Path.Combine(folder, "events.txt")).Should().Contain("## InferenceService tenant-a/sklearn-iris")
            .And.Contain("Warning FailedCreate ReplicaSet/sklearn-iris-predictor-");
        File.ReadAllText(Path.Combine(folder, "timeline.txt")).Should().Contain("[kserve]").And.Contain("NOT reached");
    }

    [Fact]
    public async Task A_model_that_never_scales_to_zero_leaves_its_predictor_pods_logs()
    {
        await using var api = await InferenceServiceTests.PlatformAsync();
        await api.CreateClient().ApplyAsync(api, InferenceServiceTests.Isvc("1Gi")); // admitted: one predictor pod, which stays
        await api.SettledAsync(Ct);
        var cluster = new ClusterApi(api.CreateClient(), new WaitBudgets(0.005));

        var act = () => new KServeDriver(cluster, _timeline).WaitForPodsAsync("tenant-a", "sklearn-iris", p => p.Active == 0, "zero active pods",
            WaitBudgets.Names.ScaleToZeroMargin, TimeSpan.FromMilliseconds(300), Ct);

        await act.Should().ThrowAsync<WaitTimeoutException>();
        _timeline.Involved.Should().Contain(Isvc);
        _timeline.Entries.Should().Contain(e => e.Driver == KServeDriver.TimelineName && e.What.Contains("NOT reached") && e.What.Contains("1 active pod(s)"));

        var folder = await DiagnoseAsync(cluster);
        var logs = Directory.GetFiles(Path.Combine(folder, "logs")).Select(Path.GetFileName).ToList();
        logs.Should().Contain(f => f!.StartsWith("tenant-a_sklearn-iris-predictor-") && f.EndsWith("_kserve-container.log"),
            "each container of the predictor pod is read through the adapter, what it answered (logs, or why none) written");
    }

    private async Task<string> DiagnoseAsync(ClusterApi cluster)
    {
        var run = TestRun.For(new Uri("http://127.0.0.1:1"));
        var scenario = ScenarioIdentity.For("Canary", "a failed wait", []);
        var driver = new ClusterDriver(cluster, run, new ScenarioResources(run, scenario), new ScenarioTimeline());
        return await FailureDiagnostics.WriteAsync(_results, scenario, "the wait timed out", _timeline, driver, Ct);
    }
}
