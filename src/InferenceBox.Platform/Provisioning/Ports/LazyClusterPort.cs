namespace InferenceBox.Platform.Provisioning.Ports;

/// <summary>
/// Creates the real cluster port on first use: in provision mode the kube context exists only once the cluster
/// phase has run, while the phases are built before it.
/// </summary>
public sealed class LazyClusterPort(Func<IClusterPort> create) : ClusterPortDecorator
{
    private readonly Lazy<IClusterPort> _port = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    protected override IClusterPort Inner => _port.Value;
}
