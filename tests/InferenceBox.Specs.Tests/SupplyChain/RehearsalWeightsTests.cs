using InferenceBox.Platform.Models;
using InferenceBox.Platform.Rehearsal;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>
/// The rehearsal's model weights go through the real weights cache (download, size and SHA-256 compared, re-hashed on
/// every use) with in-process stand-ins: no network, and a stand-in changed after it was verified is refused as a real
/// file would be.
/// </summary>
public sealed class RehearsalWeightsTests : IDisposable
{
    // .invalid never resolves (RFC 2606): a download that succeeds from there never left the process.
    private static readonly WeightsPin Pin = new("tiny-model", "tiny.gguf", new Uri("https://weights.invalid/rev/tiny.gguf"), 491400032,
        "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db");

    private readonly string _dir = Directory.CreateTempSubdirectory("ibx-rehearsal-weights-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StandInWeights Weights() => new(_dir, TimeSpan.FromSeconds(20));

    [Fact]
    public async Task A_stand_in_is_downloaded_in_process_verified_by_its_checksum_and_names_the_pin_it_stands_for()
    {
        var weights = Weights();
        (await weights.IsVerifiedAsync(Pin, Ct)).Should().BeFalse("nothing is there before the phase runs");

        await weights.EnsureAsync(Pin, Ct);

        var file = Path.Combine(weights.FolderOf(Pin), Pin.File);
        File.ReadAllBytes(file).Should().Equal(StandInWeights.Bytes(Pin));
        File.ReadAllText(file).Should().Contain(Pin.Url.ToString()).And.Contain(Pin.Sha256).And.Contain("weights.tiny-model");
        weights.FolderOf(Pin).Should().EndWith(Path.Combine("tiny-model", StandInWeights.StandIn(Pin).Sha256), "the cache keys the folder by the checksum it verified");
        (await weights.IsVerifiedAsync(Pin, Ct)).Should().BeTrue();
        (await Weights().IsVerifiedAsync(Pin, Ct)).Should().BeTrue("a later run re-hashes the cached stand-in and reuses it");
    }

    [Fact]
    public async Task A_stand_in_changed_after_it_was_verified_is_refused_naming_the_file_and_the_checksum()
    {
        var weights = Weights();
        await weights.EnsureAsync(Pin, Ct);
        var file = Path.Combine(weights.FolderOf(Pin), Pin.File);
        File.WriteAllText(file, File.ReadAllText(file).Replace('a', 'b'));

        (await weights.IsVerifiedAsync(Pin, Ct)).Should().BeFalse();
        var refused = (await FluentActions.Awaiting(() => weights.EnsureAsync(Pin, Ct)).Should().ThrowAsync<WeightsUnavailableException>()).Which;
        refused.Message.Should().Contain("tiny.gguf").And.Contain("has SHA-256").And.Contain(StandInWeights.StandIn(Pin).Sha256);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
