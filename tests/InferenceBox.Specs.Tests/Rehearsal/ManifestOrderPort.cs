using InferenceBox.Specs.Support.Manifests;
using InferenceBox.Specs.Support.Provisioning.Ports;

namespace InferenceBox.Specs.Tests.Rehearsal;

/// <summary>
/// The applier of before issue 10 (its KubernetesClusterPort.ApplyAsync, git show a65f047^): every object applied on
/// its own, in manifest order, with no Namespaces-first ordering. Everything else goes to the real port.
/// </summary>
public sealed class ManifestOrderPort(IClusterPort inner) : IClusterPort
{
    public async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        foreach (var o in objects) await inner.ApplyAsync([o], ct);
    }

    public Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct) => inner.ProbeAsync(readiness, ct);
    public Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct) => inner.WaitAsync(readiness, budgetName, budget, ct);
    public Task<bool> ExistsAsync(ManifestObject manifestObject, CancellationToken ct) => inner.ExistsAsync(manifestObject, ct);
    public Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct) => inner.ReadSecretValueAsync(ns, name, key, ct);
    public Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct) => inner.ReadConfigMapValueAsync(ns, name, key, ct);
    public Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct) => inner.ReadPodTemplateAnnotationAsync(ns, deployment, key, ct);
    public Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct) => inner.SetPodTemplateAnnotationAsync(ns, deployment, key, value, ct);
    public Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string label, CancellationToken ct) => inner.ListLabelledAsync(label, ct);
    public Task DeleteAsync(LabelledObject target, CancellationToken ct) => inner.DeleteAsync(target, ct);
}
