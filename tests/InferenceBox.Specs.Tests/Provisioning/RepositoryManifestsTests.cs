using FluentAssertions;
using InferenceBox.Specs.Support.Provisioning;
using InferenceBox.Specs.Support.Provisioning.Graph;
using InferenceBox.Specs.Support.Run;
using Xunit;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>The real manifests/ of this repository through the whole cold plan, with recording fakes for the cluster.</summary>
public sealed class RepositoryManifestsTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private readonly string _repo = InferenceBox.Specs.Support.Run.RunPaths.RequireRepositoryRoot();

    [Fact]
    public async Task The_repositorys_lock_and_manifests_drive_a_complete_cold_plan()
    {
        using var provisioner = new Provisioner(new RunContext(_f.Settings, _f.Progress, "run", _f.ResultsDir), new ProvisionerOptions
        {
            RepoRoot = _repo, Tools = _f.Tools, Cluster = () => _f.Cluster, HostPorts = new Dictionary<int, string>(),
            // The fakes have no real chart archives or release files: stand-ins, checked by their own hashes (the lock's
            // checksums are the subject of SupplyChain/ArtifactVerificationTests).
            Artifacts = Support.Rehearsal.StandInArtifacts.Store(Path.Combine(_f.Root, "cache", "artifacts")),
        });

        var report = await provisioner.ProvisionAsync(TestContext.Current.CancellationToken);

        report.Phases.Should().OnlyContain(p => p.Status == PhaseStatus.Fresh, report.FailureSummary());
        var everyObject = ManifestLoader.Load(Path.Combine(_repo, "manifests")).Objects
            .Where(o => !o.File.StartsWith("inference/canary/", StringComparison.Ordinal) && !o.File.StartsWith("inference/extras/", StringComparison.Ordinal))
            .Select(o => o.Identity).ToHashSet();
        _f.Cluster.Applied.Should().Contain(everyObject);
    }

    public void Dispose() => _f.Dispose();
}
