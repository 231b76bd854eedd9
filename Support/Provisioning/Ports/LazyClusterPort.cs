using InferenceBox.Specs.Support.Manifests;
namespace InferenceBox.Specs.Support.Provisioning.Ports;

/// <summary>
/// Creates the real cluster port on first use: in provision mode the kube context exists only once the cluster
/// phase has run, while the phases are built before it.
/// </summary>
public sealed class LazyClusterPort(Func<IClusterPort> create) : IClusterPort
{
    private readonly Lazy<IClusterPort> _port = new(create, LazyThreadSafetyMode.ExecutionAndPublication);
    private IClusterPort P => _port.Value;

    public Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct) => P.ProbeAsync(readiness, ct);
    public Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct) => P.WaitAsync(readiness, budgetName, budget, ct);
    public Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct) => P.ApplyAsync(objects, ct);
    public Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct) => P.ExistsAsync(manifestObject, ct);
    public Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct) => P.ReadSecretValueAsync(ns, name, key, ct);
    public Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct) => P.ReadConfigMapValueAsync(ns, name, key, ct);
    public Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct) => P.ReadPodTemplateAnnotationAsync(ns, deployment, key, ct);
    public Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct) => P.SetPodTemplateAnnotationAsync(ns, deployment, key, value, ct);
    public Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string labelSelector, string valueOf, CancellationToken ct) =>
        P.ListLabelledAsync(labelSelector, valueOf, ct);
    public Task DeleteAsync(LabelledObject target, CancellationToken ct) => P.DeleteAsync(target, ct);
}
