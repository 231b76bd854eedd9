using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>
/// The real manifests/ of this repository through the whole cold plan, with recording fakes for the cluster and the weights
/// cache (nothing is downloaded): every object is applied, and kind is given the config whose weights binds point at the cache.
/// </summary>
public sealed class RepositoryManifestsTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private readonly string _repo = InferenceBox.Platform.Run.RunPaths.RequireRepositoryRoot();

    [Fact]
    public async Task The_repositorys_lock_and_manifests_drive_a_complete_cold_plan()
    {
        using var provisioner = new Provisioner(new RunContext(_f.Settings, _f.Progress, "run", _f.ResultsDir), new ProvisionerOptions
        {
            RepoRoot = _repo, Tools = _f.Tools, Cluster = () => _f.Cluster, HostPorts = new Dictionary<int, string>(),
            // The fakes have no real chart archives or release files: stand-ins, checked by their own hashes (the lock's
            // checksums are the subject of SupplyChain/ArtifactVerificationTests).
            Artifacts = InferenceBox.Platform.Rehearsal.StandInArtifacts.Store(Path.Combine(_f.Root, "cache", "artifacts")),
            Weights = new RecordingWeights(Path.Combine(_f.Root, "weights")),
        });

        var report = await provisioner.ProvisionAsync(TestContext.Current.CancellationToken);

        report.Phases.Should().OnlyContain(p => p.Status == PhaseStatus.Fresh, report.FailureSummary());
        var everyObject = ManifestLoader.Load(ManifestFiles.FolderOf(_repo)).Objects
            .Where(o => !o.File.StartsWith("inference/canary/", StringComparison.Ordinal) && !o.File.StartsWith("inference/extras/", StringComparison.Ordinal))
            .Select(o => o.Identity).ToHashSet();
        _f.Cluster.Applied.Should().Contain(everyObject);
        var create = _f.Tools.Commands.Single(c => c.StartsWith("kind create cluster", StringComparison.Ordinal));
        var config = create.Split(' ').SkipWhile(a => a != "--config").Skip(1).First();
        File.ReadAllText(config).Should().Contain(Path.Combine(_f.Root, "weights", "qwen2.5-0.5b-instruct"), "the weights binds point at the cache")
            .And.NotContain("\"hostPath\":\"models/qwen2.5-0.5b-instruct\"");
    }

    public void Dispose() => _f.Dispose();
}
