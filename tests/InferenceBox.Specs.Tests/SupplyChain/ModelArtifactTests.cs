using System.Security.Cryptography;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Specs.Tests.Provisioning;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>
/// Issue 19 item 12: the model artifacts are pickles, which run code when KServe's sklearnserver loads them. The provisioner
/// compares each local artifact with the catalog's SHA-256 before it creates the InferenceServices that load them.
/// </summary>
public sealed class ModelArtifactTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private static readonly byte[] Published = "the pickle generate.py wrote"u8.ToArray();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task An_artifact_whose_SHA_256_is_not_the_catalogs_stops_the_models_phase_before_any_InferenceService_is_applied()
    {
        _f.WriteModels("a pickle someone swapped in"u8.ToArray(), Sha(Published));
        using var provisioner = _f.Provisioner();

        var report = (await FluentActions.Awaiting(() => provisioner.ProvisionAsync(CancellationToken.None))
            .Should().ThrowAsync<ProvisioningFailedException>()).Which.Report;

        report.Phases.Single(p => p.Phase == "models").Cause.Should().Contain("tenant-a/sklearn-iris v1")
            .And.Contain($"expected SHA-256 {Sha(Published)}").And.Contain("got " + Sha("a pickle someone swapped in"u8.ToArray()));
        _f.Cluster.Applied.Should().NotContain(a => a.StartsWith("InferenceService"));
    }

    [Fact]
    public async Task The_published_artifact_passes_and_the_models_are_applied()
    {
        _f.WriteModels(Published, Sha(Published));
        using var provisioner = _f.Provisioner();

        (await provisioner.ProvisionAsync(CancellationToken.None)).Succeeded.Should().BeTrue();

        _f.Cluster.Applied.Should().Contain("InferenceService tenant-a/sklearn-iris");
    }

    public void Dispose() => _f.Dispose();
}
