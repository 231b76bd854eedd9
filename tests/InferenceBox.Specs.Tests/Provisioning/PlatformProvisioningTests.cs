using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class PlatformProvisioningTests : IDisposable
{
    private const int PhaseCount = 24;
    private readonly PlatformFixture _f = new();

    [Fact]
    public async Task A_cold_plan_runs_every_phase_after_its_dependencies_with_independent_phases_overlapping()
    {
        // istio-base, cert-manager and kserve-crd depend only on the cluster: their helm installs must meet.
        _f.Tools.Rendezvous.UnionWith(["istio-base", "cert-manager", "kserve-crd"]);
        using var provisioner = _f.Provisioner();

        var report = await provisioner.ProvisionAsync(CancellationToken.None);

        report.Succeeded.Should().BeTrue(report.FailureSummary());
        report.Phases.Should().HaveCount(PhaseCount).And.OnlyContain(p => p.Status == PhaseStatus.Fresh);
        var byName = report.Phases.ToDictionary(p => p.Phase);
        foreach (var phase in provisionerPhases())
            foreach (var dependency in phase.DependsOn)
                byName[phase.Name].StartedSeconds.Should().BeGreaterThanOrEqualTo(
                    byName[dependency].StartedSeconds + byName[dependency].DurationSeconds - 0.0005, $"{phase.Name} needs {dependency}");
        var met = new[] { "istio-base", "cert-manager", "kserve-crd" }.Select(n => byName[n]).ToList();
        foreach (var x in met)
            foreach (var y in met.Where(y => y != x))
                x.StartedSeconds.Should().BeLessThan(y.StartedSeconds + y.DurationSeconds, $"{x.Phase} overlaps {y.Phase}");
        _f.Tools.Commands.First(c => !c.StartsWith("docker") && !c.StartsWith("kind get")).Should().StartWith("kind create cluster --name inference-in-a-box");
        // Each chart is pulled into the cache, verified, and installed from there (issue 19 item 11).
        var artifacts = Path.Combine(_f.Root, "cache", "artifacts");
        _f.Tools.Commands.Should().Contain(c => c.StartsWith("helm pull oci://example.test/charts/istiod --version 1.26.2 -d "));
        _f.Tools.Commands.Should().Contain($"helm upgrade --install istiod {artifacts}/charts/istiod/1.26.2/istiod-1.26.2.tgz -n istio-system --create-namespace");
        _f.Tools.Commands.Should().Contain("kind load docker-image kind.local/inferencebox/jwt-issuer:0.1.0 --name inference-in-a-box");
        _f.Tools.Commands.Should().Contain(c => c.StartsWith(
            $"helm upgrade --install prometheus {artifacts}/charts/kube-prometheus-stack/75.6.0/kube-prometheus-stack-75.6.0.tgz -n monitoring"));
        var kubectl = _f.Tools.Commands.Where(c => c.StartsWith("kubectl")).ToList();
        kubectl.Should().ContainInOrder(
            $"kubectl apply --server-side --force-conflicts --field-manager inferencebox-specs-upstream -f {artifacts}/releases/knative-serving-crds/knative-v1.18.1/serving-crds.yaml",
            $"kubectl apply --server-side --force-conflicts --field-manager inferencebox-specs-upstream -f {artifacts}/releases/knative-serving-core/knative-v1.18.1/serving-core.yaml",
            $"kubectl apply --server-side --force-conflicts --field-manager inferencebox-specs-upstream -f {artifacts}/releases/net-istio/knative-v1.18.1/net-istio.yaml");
        kubectl.Should().Contain(c => c.EndsWith($"-f {artifacts}/releases/ai-gateway-envoy-gateway-rbac/v0.2.1/rbac.yaml"));
        File.ReadAllBytes($"{artifacts}/releases/net-istio/knative-v1.18.1/net-istio.yaml").Should().Equal(PlatformFixture.ReleaseBytes("https://example.test/net-istio.yaml"));
        // Our knative-serving Namespace (sidecar injection label) lands before serving-core's pods start.
        _f.Cluster.Applied.Should().ContainInOrder("Namespace knative-serving", "ConfigMap knative-serving/config-domain");
        _f.Cluster.Annotations.Keys.Should().Contain(k => k.StartsWith("envoy-gateway-system/envoy-gateway/"), "EG restarted for the AI Gateway config");
        _f.Cluster.Applied.Should().ContainInOrder("Namespace monitoring", "Secret monitoring/grafana-admin");
        _f.Cluster.Applied.Should().Contain(["Secret auth-system/jwt-issuer-signing-key", "InferenceService tenant-a/sklearn-iris", "ConfigMap monitoring/inferencebox-platform"]);
        _f.Cluster.Waited.Should().Contain("InferenceService tenant-a/sklearn-iris Ready");
        File.ReadAllText(Path.Combine(_f.ResultsDir, BootstrapLog.FileName)).Should().Contain("[done   ] models: done");
        File.ReadAllText(Path.Combine(_f.ResultsDir, Provisioner.ReportFileName)).Should().Contain("\"status\": \"fresh\"");

        IEnumerable<IPhase> provisionerPhases() => new PhasePlan(PlatformPhases.All(new ProvisionContext(_f.Settings, new VersionLock(),
            _f.Tools, _f.Cluster, new(1), _f.Root, _f.Root))).Phases;
    }

    [Fact]
    public async Task A_warm_plan_installs_nothing()
    {
        var key = Path.Combine(_f.Root, "key.pem");
        _f.Settings = _f.Settings with { SigningKeyFile = key };
        _f.MakeWarm(key);
        using var provisioner = _f.Provisioner();

        var report = await provisioner.ProvisionAsync(CancellationToken.None);

        report.Phases.Should().OnlyContain(p => p.Status == PhaseStatus.Reused);
        _f.Tools.Commands.Should().NotContain(c => c.Contains("upgrade") || c.Contains("create") || c.Contains("apply") || c.Contains("load") || c.Contains("build"));
        _f.Cluster.Applied.Should().BeEmpty();
        _f.Progress.Events.Where(e => e.Kind == InferenceBox.Platform.Progress.ProgressKind.Skipped).Should().HaveCount(PhaseCount);
    }

    [Fact]
    public async Task Attach_mode_installs_nothing_and_lists_everything_missing()
    {
        _f.Settings = _f.Settings with { Mode = RunMode.Attach, KubeContext = "staging" };
        _f.Cluster.EverythingReady = true;
        _f.Cluster.States["Deployment istio-system/istiod Available at 1.26.2"] = new(false, "not found");
        _f.Cluster.States["Deployment cert-manager/cert-manager Available at 1.18.2"] = new(true, "ready", "quay.io/jetstack/cert-manager-controller:v1.17.0");
        using var provisioner = _f.Provisioner();

        var act = () => provisioner.ProvisionAsync(CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<ProvisioningFailedException>()).Which;
        failure.Report.Problems.Should().BeEquivalentTo(
            "missing: istiod: Deployment istio-system/istiod Available at 1.26.2 — found: not found",
            "missing: cert-manager: Deployment cert-manager/cert-manager Available at 1.18.2 — running quay.io/jetstack/cert-manager-controller:v1.17.0, the lock pins 1.18.2");
        failure.Report.Phases.Should().BeEmpty();
        _f.Tools.Commands.Should().BeEmpty("attach mode runs no tool and installs nothing");
        _f.Cluster.Applied.Should().BeEmpty();
    }

    [Fact]
    public async Task Attach_mode_on_a_complete_platform_passes_without_touching_it()
    {
        _f.Settings = _f.Settings with { Mode = RunMode.Attach, KubeContext = "staging" };
        _f.Cluster.EverythingReady = true;
        using var provisioner = _f.Provisioner();

        var report = await provisioner.ProvisionAsync(TestContext.Current.CancellationToken);

        report.Should().Match<ProvisionReport>(r => r.Succeeded && r.Mode == "attach" && r.KubeContext == "staging" && r.Problems.Count == 0);
        _f.Tools.Commands.Should().BeEmpty();
        _f.Cluster.Applied.Should().BeEmpty();
        _f.Cluster.Waited.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_phase_stops_its_dependents_and_names_its_cause_while_the_rest_finish()
    {
        _f.Tools.FailReleases["istiod"] = "Error: INSTALLATION FAILED: context deadline exceeded";
        using var provisioner = _f.Provisioner();

        var act = () => provisioner.ProvisionAsync(CancellationToken.None);

        var report = (await act.Should().ThrowAsync<ProvisioningFailedException>()).Which.Report;
        var byName = report.Phases.ToDictionary(p => p.Phase);
        byName["istiod"].Status.Should().Be(PhaseStatus.Failed);
        byName["istiod"].Cause.Should().Contain("helm upgrade --install istiod").And.Contain("context deadline exceeded");
        byName["istio-ingressgateway"].Cause.Should().Be("not run: istiod failed");
        byName["kiali"].Status.Should().Be(PhaseStatus.NotRun);
        byName["knative-serving"].Cause.Should().Be("not run: istiod failed");
        byName["models"].Cause.Should().Be("not run: kserve was not run");
        byName["cert-manager"].Status.Should().Be(PhaseStatus.Fresh);
        byName["envoy-gateway"].Status.Should().Be(PhaseStatus.Fresh);
        byName["issuer"].Status.Should().Be(PhaseStatus.Fresh);
    }

    public void Dispose() => _f.Dispose();
}
