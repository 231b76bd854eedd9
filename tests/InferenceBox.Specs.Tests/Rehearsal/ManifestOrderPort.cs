using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Specs.Tests.Rehearsal;

/// <summary>
/// The applier of before issue 10 (its KubernetesClusterPort.ApplyAsync, git show a65f047^): every object applied on
/// its own, in manifest order, with no Namespaces-first ordering. Everything else goes to the real port.
/// </summary>
public sealed class ManifestOrderPort(IClusterPort inner) : ClusterPortDecorator
{
    protected override IClusterPort Inner => inner;

    public override async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        foreach (var o in objects) await inner.ApplyAsync([o], ct);
    }
}
