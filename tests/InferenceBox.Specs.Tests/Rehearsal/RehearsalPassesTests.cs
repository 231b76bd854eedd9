using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Rehearsal;

/// <summary>The repository's platform as code passes the rehearsal: every phase against the API server emulator.</summary>
public sealed class RehearsalPassesTests
{
    [Fact]
    public async Task The_repositorys_platform_passes_the_rehearsal()
    {
        using var platform = new PlatformCopy();

        var report = await platform.RehearseAsync();

        report.Succeeded.Should().BeTrue(string.Join("\n", platform.Progress.Lines));
        report.Mode.Should().Be("rehearse");
        report.Phases.Should().OnlyContain(p => p.Status == PhaseStatus.Fresh, "a rehearsal starts from an empty cluster");
        File.Exists(Path.Combine(platform.ResultsDir, Provisioner.ReportFileName)).Should().BeTrue();
        var log = File.ReadAllLines(Path.Combine(platform.ResultsDir, BootstrapLog.FileName));
        log[^1].Should().Contain("rehearsal: PASSED in ");
        foreach (var pin in WeightsPin.From(VersionLock.Load(platform.Manifest(VersionLock.FileName))))
            platform.Progress.Events.Should().Contain(e => e.Phase == WeightsPhase.PhaseName && e.Message.StartsWith(pin.File + " verified in "),
                "every pinned model file went through the weights cache, as a stand-in");
    }

    // Issue 10 item 1 as the rehearsal sees it: with the applier of before that fix (objects one by one, in manifest
    // order; tenants/<tenant>/ lists authorization-policy.yaml before namespace.yaml) the tenants phase is refused.
    [Fact]
    public async Task With_the_applier_of_before_issue_10_the_rehearsal_refuses_the_tenants_phase()
    {
        using var platform = new PlatformCopy();

        var refused = (await FluentActions.Awaiting(() => platform.RehearseAsync(wrapCluster: port => new ManifestOrderPort(port)))
            .Should().ThrowAsync<InferenceBox.Platform.Rehearsal.RehearsalFailedException>()).Which;

        var failure = refused.Failures.Should().ContainSingle(refused.Message).Which;
        failure.Phase.Should().Be("tenants");
        failure.Cause.Should().StartWith("AuthorizationPolicy tenant-a/").And.Contain("(manifests/tenants/tenant-a/authorization-policy.yaml:")
            .And.Contain("namespaces \"tenant-a\" not found");
        failure.Layer.Should().Be("the API server emulator's admission:NamespaceLifecycle");
        refused.Report!.Phases.Where(p => p.Status == PhaseStatus.NotRun).Select(p => p.Phase).Should().Contain(["issuer", "gateway", "models"]);
    }
}
