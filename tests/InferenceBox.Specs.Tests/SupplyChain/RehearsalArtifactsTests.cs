using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Rehearsal;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Provisioning;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>The rehearsal's helm and kubectl stand-ins install from the verified local copies, as the real tools now do.</summary>
public sealed class RehearsalArtifactsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stand_ins_install_charts_and_release_files_from_their_verified_local_copies()
    {
        var repo = RunPaths.RequireRepositoryRoot();
        // Istio's injection as the repository configures it (CNI on: no istio-init, which knative-serving's baseline
        // Pod Security Standard would refuse), as the rehearsal configures its emulator.
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator,
            o => o with { Sidecars = RehearsalSidecars.OfRepository(repo) });
        var dir = Directory.CreateTempSubdirectory("ibx-rehearsal-artifacts-").FullName;
        try
        {
            var progress = new RecordingProgress();
            var tools = new RehearsalTools(_ => Task.FromResult(t.Server!.Url), Path.Combine(dir, "kubeconfig"), InferenceBox.Platform.Schemas.SchemaStore.FromFolder(Schemas.TestPaths.SchemasDir!),
                progress, new WaitBudgets());
            (await tools.RunAsync("kind", ["create", "cluster"], TimeSpan.FromMinutes(1), Ct)).Succeeded.Should().BeTrue();
            var artifacts = Path.Combine(dir, "artifacts");
            var context = new ProvisionContext(new InferenceBoxSettings(), VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(repo), VersionLock.FileName)),
                tools, t.Api(), new WaitBudgets(), repo, Path.Combine(dir, "state"), progress, StandInArtifacts.Store(artifacts, progress));
            var phases = PlatformPhases.All(context);

            foreach (var name in new[] { "namespaces", "gateway-api-crds", "istio-base", "knative-serving", "kube-prometheus-stack" })
                await phases.Single(p => p.Name == name).RunAsync(Ct);

            var lines = progress.Lines.ToList();
            var kps = Path.Combine(artifacts, "charts", "kube-prometheus-stack", "75.6.0", "kube-prometheus-stack-75.6.0.tgz");
            lines.Should().Contain(l => l.Contains($"verified -> {kps}"));
            lines.Should().Contain(l => l.Contains("helm upgrade --install prometheus (kube-prometheus-stack 75.6.0) in monitoring"), "the stand-in read the archive's Chart.yaml");
            var servingCore = Path.Combine(artifacts, "releases", "knative-serving-core", "knative-v1.18.1", "serving-core.yaml");
            lines.Should().Contain(l => l.Contains($"kubectl apply -f {servingCore}"));
            lines.Should().Contain(l => l.Contains("helm show crds gateway-helm:"), "the stand-in read the EG archive for its CRDs");
            (await t.Api().ProbeAsync(new DeploymentAvailable("knative-serving", "activator"), Ct)).Done.Should().BeTrue();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
