using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Ports;

/// <summary>
/// A cluster port in front of another: everything goes to <see cref="Inner"/>, except what a subclass overrides
/// (the lazily created adapter, the rehearsal's refusals and settled waits, a test's replay of an older applier).
/// </summary>
public abstract class ClusterPortDecorator : IClusterPort
{
    protected abstract IClusterPort Inner { get; }

    public virtual Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct) => Inner.ProbeAsync(readiness, ct);
    public virtual Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct) => Inner.WaitAsync(readiness, budgetName, budget, ct);
    public virtual Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct) => Inner.ApplyAsync(objects, ct);
    public virtual Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct) => Inner.ExistsAsync(manifestObject, ct);
    public virtual Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct) => Inner.ReadSecretValueAsync(ns, name, key, ct);
    public virtual Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct) => Inner.ReadConfigMapValueAsync(ns, name, key, ct);
    public virtual Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct) => Inner.ReadPodTemplateAnnotationAsync(ns, deployment, key, ct);
    public virtual Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct) => Inner.SetPodTemplateAnnotationAsync(ns, deployment, key, value, ct);
    public virtual Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string labelSelector, string valueOf, CancellationToken ct) =>
        Inner.ListLabelledAsync(labelSelector, valueOf, ct);
    public virtual Task DeleteAsync(LabelledObject target, CancellationToken ct) => Inner.DeleteAsync(target, ct);
}
