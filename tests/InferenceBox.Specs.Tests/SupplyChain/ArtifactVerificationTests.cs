using System.Security.Cryptography;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Specs.Tests.Provisioning;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>
/// Issue 19 item 11 through the whole provisioner: a chart archive or a release file whose bytes are not the ones the lock
/// names is refused before helm or kubectl sees it, with one error saying what, expected, got and what to do.
/// </summary>
public sealed class ArtifactVerificationTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private static readonly string NotTheArchive = new('a', 64);

    [Fact]
    public async Task A_chart_archive_whose_SHA_256_is_not_the_locks_is_refused_before_helm_installs_it()
    {
        _f.EditLock(yaml => yaml.Replace(PlatformFixture.ChartSha("kube-prometheus-stack"), NotTheArchive));
        using var provisioner = _f.Provisioner();

        var report = (await FluentActions.Awaiting(() => provisioner.ProvisionAsync(CancellationToken.None))
            .Should().ThrowAsync<ProvisioningFailedException>()).Which.Report;

        var cause = report.Phases.Single(p => p.Phase == "kube-prometheus-stack").Cause;
        cause.Should().Contain("chart kube-prometheus-stack").And.Contain($"expected SHA-256 {NotTheArchive}").And.Contain("got ");
        _f.Tools.Commands.Should().NotContain(c => c.StartsWith("helm upgrade --install prometheus"));
        report.Phases.Single(p => p.Phase == "istiod").Status.Should().Be(InferenceBox.Platform.Provisioning.Graph.PhaseStatus.Fresh, "other charts still install");
    }

    [Fact]
    public async Task A_release_file_whose_bytes_differ_from_the_lock_is_refused_before_kubectl_applies_it()
    {
        await using var server = await LoopbackFiles.StartAsync();
        server.Files["/serving-crds.yaml"] = "kind: List\nitems: []\n"u8.ToArray();
        var expected = Convert.ToHexStringLower(SHA256.HashData("the published bytes"u8));
        _f.EditLock(yaml => yaml.Replace(PlatformFixture.ReleaseSha("https://example.test/serving-crds.yaml"), expected)
            .Replace("https://example.test/serving-crds.yaml", server.Url("/serving-crds.yaml").ToString()));
        using var provisioner = _f.Provisioner();

        var report = (await FluentActions.Awaiting(() => provisioner.ProvisionAsync(CancellationToken.None))
            .Should().ThrowAsync<ProvisioningFailedException>()).Which.Report;

        server.Requests.Should().Contain("/serving-crds.yaml", "the file was really downloaded over HTTP");
        report.Phases.Single(p => p.Phase == "knative-serving").Cause.Should().Contain("serving-crds.yaml")
            .And.Contain($"expected SHA-256 {expected}").And.Contain($"got {Convert.ToHexStringLower(SHA256.HashData(server.Files["/serving-crds.yaml"]))}");
        _f.Tools.Commands.Should().NotContain(c => c.Contains("serving-crds.yaml") && c.StartsWith("kubectl"));
    }

    public void Dispose() => _f.Dispose();
}
