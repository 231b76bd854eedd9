using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas.Supply;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>
/// Model weights are pinned by content like charts and release files: the offline check (manifest validation, preflight)
/// refuses a weights entry the weights phase could not verify, with the same words that phase would say.
/// </summary>
public sealed class WeightsLockTests
{
    private static VersionLock.WeightsEntry Entry(string sha256) => new()
    {
        File = "tiny.gguf", Url = "https://example.test/rev/tiny.gguf", Size = 1024, Sha256 = sha256,
    };

    [Fact]
    public void A_weights_entry_without_a_sha256_fails_the_offline_check_naming_the_key()
    {
        var versionLock = new VersionLock { Weights = { ["tiny"] = Entry("") } };

        var error = SupplyChainCheck.Run(versionLock).Should().ContainSingle().Which;

        error.Path.Should().Be(".weights.tiny");
        error.Message.Should().Contain("weights.tiny.sha256 must be 64 hex digits").And.Contain("Copy the SHA-256 of the exact file");
    }

    [Fact]
    public void A_weights_entry_pinned_by_size_and_sha256_passes()
    {
        var versionLock = new VersionLock { Weights = { ["tiny"] = Entry(new string('a', 64)) } };

        SupplyChainCheck.Run(versionLock).Should().BeEmpty();
    }
}
