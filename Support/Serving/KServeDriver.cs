using System.Text.Json;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;
using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>The predictor pods of a model: those running or starting, and those already terminating.</summary>
public sealed record PodCount(int Active, int Terminating)
{
    public override string ToString() => $"{Active} active pod(s), {Terminating} terminating";
}

/// <summary>
/// KServe/Knative operations the serving scenarios need, on the generic Kubernetes API: read an InferenceService,
/// patch its predictor (canary percent, storageUri) and wait until it is Ready at its new generation, read the
/// autoscaler timing, and count or await the predictor's pods. Every wait is watch-based and budgeted.
/// </summary>
public sealed class KServeDriver(IKubernetes k8s, RunContext run)
{
    private const string Group = "serving.kserve.io", Version = "v1beta1", Plural = "inferenceservices";
    private const string IsvcPodLabel = "serving.kserve.io/inferenceservice";

    public async Task<InferenceServiceState> GetAsync(string tenant, string name, CancellationToken ct = default) =>
        (await ReadAsync(tenant, name, ct)).State;

    public async Task<AutoscalerConfig> AutoscalerAsync(string tenant, string name, CancellationToken ct = default)
    {
        var map = await k8s.CoreV1.ReadNamespacedConfigMapAsync(AutoscalerConfig.ConfigMapName, AutoscalerConfig.Namespace, cancellationToken: ct);
        var isvc = await GetAsync(tenant, name, ct);
        return AutoscalerConfig.From(map.Data, isvc.Annotations);
    }

    /// <summary>Merge-patches spec.predictor (null values remove fields) and waits for Ready at the new generation.</summary>
    public async Task<InferenceServiceState> PatchPredictorAndWaitAsync(string tenant, string name,
        IReadOnlyDictionary<string, object?> predictor, CancellationToken ct = default)
    {
        var patch = new V1Patch(JsonSerializer.Serialize(new { spec = new { predictor } }), V1Patch.PatchType.MergePatch);
        var patched = Element(await k8s.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Group, Version, tenant, Plural, name, cancellationToken: ct));
        var generation = InferenceServiceState.Parse(patched).Generation;
        return await KubeWatch.UntilAsync(
            token => ReadAsync(tenant, name, token),
            (rv, token) => KubeWatch.Events(k8s.CustomObjects.WatchListNamespacedCustomObjectAsync(
                Group, Version, tenant, Plural, fieldSelector: $"metadata.name={name}", resourceVersion: rv, timeoutSeconds: 60,
                cancellationToken: token)),
            s => s.Ready == "True" && s.ObservedGeneration >= generation, s => s.ToString(),
            $"InferenceService {tenant}/{name} Ready at generation {generation}", WaitBudgets.Names.InferenceServiceReady,
            run.Budgets[WaitBudgets.Names.InferenceServiceReady], ct);
    }

    public async Task<PodCount> PredictorPodsAsync(string tenant, string name, CancellationToken ct = default) =>
        (await ReadPodsAsync(tenant, name, ct)).State;

    public Task<PodCount> WaitForPodsAsync(string tenant, string name, Func<PodCount, bool> done, string what,
        string budgetName, TimeSpan budget, CancellationToken ct = default) =>
        KubeWatch.UntilAsync(
            token => ReadPodsAsync(tenant, name, token),
            (rv, token) => KubeWatch.Events(k8s.CoreV1.WatchListNamespacedPodAsync(
                tenant, labelSelector: $"{IsvcPodLabel}={name}", resourceVersion: rv, timeoutSeconds: 60, cancellationToken: token)),
            done, p => p.ToString(), $"{tenant}/{name} predictor to have {what}", budgetName, budget, ct);

    private async Task<(PodCount State, string ResourceVersion)> ReadPodsAsync(string tenant, string name, CancellationToken ct)
    {
        var pods = await k8s.CoreV1.ListNamespacedPodAsync(tenant, labelSelector: $"{IsvcPodLabel}={name}", cancellationToken: ct);
        var terminating = pods.Items.Count(p => p.Metadata.DeletionTimestamp is not null);
        return (new PodCount(pods.Items.Count - terminating, terminating), pods.Metadata.ResourceVersion);
    }

    private async Task<(InferenceServiceState State, string ResourceVersion)> ReadAsync(string tenant, string name, CancellationToken ct)
    {
        var isvc = Element(await k8s.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, tenant, Plural, name, ct));
        return (InferenceServiceState.Parse(isvc), isvc.GetProperty("metadata").GetProperty("resourceVersion").GetString() ?? "");
    }

    private static JsonElement Element(object o) => o is JsonElement e ? e : JsonSerializer.SerializeToElement(o);
}
