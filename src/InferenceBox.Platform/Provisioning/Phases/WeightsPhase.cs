using InferenceBox.Platform.Models;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The pinned model weights (versions.yaml weights:) in the host cache, verified, before the cluster is created: kind binds
/// their folders into the node when it creates it (kind/cluster.yaml), and Docker would create a missing bind source as an
/// empty folder instead of failing (kubernetes-sigs/kind@v0.29.0 pkg/cluster/internal/providers/docker/provision.go passes
/// extraMounts as --volume). On a reused cluster the cache is verified again, since the node reads the files through it.
/// A missing or corrupt file stops the bootstrap here, naming the file and the checksum expected.
/// </summary>
public sealed class WeightsPhase(ProvisionContext context)
    : PlatformPhase(context, PhaseName, WaitBudgets.Names.WeightsDownload, 30)
{
    public const string PhaseName = "model-weights";

    public override IReadOnlyList<Readiness> Requirements => [];

    private IReadOnlyList<WeightsPin> Pins => WeightsPin.From(Context.Lock);

    private IModelWeights Weights => Context.Weights ?? throw new InvalidOperationException(
        $"versions.yaml pins {Pins.Count} model file(s) under weights:, but this provisioning run has no weights cache to put them in.");

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct)
    {
        foreach (var pin in Pins)
            if (!await Weights.IsVerifiedAsync(pin, ct)) return false;
        return true;
    }

    protected override async Task InstallAsync(CancellationToken ct)
    {
        foreach (var pin in Pins)
        {
            await Weights.EnsureAsync(pin, ct);
            Context.Progress?.Report(new ProgressEvent(ProgressKind.Info, Name, $"{pin.File} verified in {Weights.FolderOf(pin)}"));
        }
    }
}
