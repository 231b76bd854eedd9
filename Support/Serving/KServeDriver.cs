using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>The predictor pods of a model: those running or starting, and those already terminating.</summary>
public sealed record PodCount(int Active, int Terminating)
{
    public override string ToString() => $"{Active} active pod(s), {Terminating} terminating";
}

/// <summary>
/// KServe/Knative operations the serving scenarios need, on the one Kubernetes adapter: read an InferenceService,
/// patch its predictor (canary percent, storageUri) and wait until it is Ready for the new spec, read the autoscaler
/// timing, and count or await the predictor's pods. Every wait is the adapter's list-then-watch, budgeted.
/// Writes to the scenario's timeline: each patch and wait, how it ended, and every InferenceService it touched as involved,
/// so a failed scenario's diagnostics hold that InferenceService (status and conditions), its events and its predictor
/// pods' logs (<see cref="FailureDiagnostics"/>, collected through the cluster adapter by <see cref="ClusterDriver.CollectAsync"/>).
/// The timeline is null only for the run-wide restore before any scenario, which has no scenario to fail; in a scenario,
/// Reqnroll's container passes the scenario's own, as it resolves every constructor parameter, optional or not
/// (reqnroll/Reqnroll@v3.3.3 Reqnroll/BoDi/ObjectContainer.cs ResolveArguments).
/// </summary>
public sealed class KServeDriver(ClusterApi api, ScenarioTimeline? timeline = null)
{
    public const string TimelineName = "kserve";
    private const string IsvcPodLabel = "serving.kserve.io/inferenceservice";

    public async Task<InferenceServiceState> GetAsync(string tenant, string name, CancellationToken ct = default)
    {
        var state = InferenceServiceState.Parse(await ReadAsync(tenant, name, ct));
        timeline?.Record(TimelineName, $"read {ObjectRef.InferenceService(tenant, name)}: {state}");
        return state;
    }

    public async Task<AutoscalerConfig> AutoscalerAsync(string tenant, string name, CancellationToken ct = default)
    {
        var map = await api.GetAsync(ObjectRef.ConfigMap(AutoscalerConfig.Namespace, AutoscalerConfig.ConfigMapName), ct);
        var data = (map?["data"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        var isvc = await GetAsync(tenant, name, ct);
        return AutoscalerConfig.From(data, isvc.Annotations);
    }

    /// <summary>
    /// Merge-patches spec.predictor (null values remove fields) and waits until the InferenceService is Ready for the
    /// new spec. KServe 0.15.2 reports the Knative Service's observedGeneration, not its own (see
    /// <see cref="ReadinessRules"/>), so "for the new spec" is: when the patch changed the spec (the generation
    /// rose), the reported observedGeneration has moved past the one before the patch — Knative has reconciled the
    /// Knative Service KServe updated from it — and the kind's Ready rule holds.
    /// </summary>
    public async Task<InferenceServiceState> PatchPredictorAndWaitAsync(string tenant, string name,
        IReadOnlyDictionary<string, object?> predictor, CancellationToken ct = default)
    {
        var target = ObjectRef.InferenceService(tenant, name);
        var before = InferenceServiceState.Parse(await ReadAsync(tenant, name, ct));
        var patch = JsonNode.Parse(JsonSerializer.Serialize(new { spec = new { predictor } }))!.AsObject();
        timeline?.Record(TimelineName, $"merge-patch {target}: {patch.ToJsonString()}");
        var after = InferenceServiceState.Parse(ToElement(await api.MergePatchAsync(target, patch, ct)));
        var changed = after.Generation > before.Generation;
        var r = await api.ResolveAsync(target.ApiVersion, target.Kind, ct);
        var found = await Recorded(target, $"Ready for generation {after.Generation}", () => api.UntilAsync(WatchTarget.Named(r, tenant, name), items =>
            {
                if (items.FirstOrDefault() is not { } isvc) return new WaitVerdict(false, "not found");
                var rule = ReadinessRules.Of(isvc);
                var state = InferenceServiceState.Parse(ToElement(isvc));
                var moved = !changed || state.ObservedGeneration > before.ObservedGeneration;
                return new WaitVerdict(rule.Done && moved, $"{state}{(moved ? "" : $"; status still from before the patch (observedGeneration {before.ObservedGeneration})")}");
            },
            $"InferenceService {tenant}/{name} Ready for generation {after.Generation}", WaitBudgets.Names.InferenceServiceReady, null, ct),
            items => InferenceServiceState.Parse(ToElement(items[0])).ToString());
        return InferenceServiceState.Parse(ToElement(found[0]));
    }

    public async Task<PodCount> PredictorPodsAsync(string tenant, string name, CancellationToken ct = default)
    {
        timeline?.Involve(ObjectRef.InferenceService(tenant, name));
        var (pods, _) = await api.ListAsync(await api.ResolveAsync("v1", "Pod", ct), tenant, $"{IsvcPodLabel}={name}", null, ct);
        timeline?.Record(TimelineName, $"{tenant}/{name} predictor: {Count(pods)}");
        return Count(pods);
    }

    public async Task<PodCount> WaitForPodsAsync(string tenant, string name, Func<PodCount, bool> done, string what,
        string budgetName, TimeSpan budget, CancellationToken ct = default)
    {
        var pods = await api.ResolveAsync("v1", "Pod", ct);
        var found = await Recorded(ObjectRef.InferenceService(tenant, name), $"a predictor with {what} (budget {budgetName}, {budget.TotalSeconds:0}s)",
            () => api.UntilAsync(new WatchTarget(pods, tenant, null, $"{IsvcPodLabel}={name}"),
                items => new WaitVerdict(done(Count(items)), Count(items).ToString()),
                $"{tenant}/{name} predictor to have {what}", budgetName, budget, ct),
            items => Count(items).ToString());
        return Count(found);
    }

    /// <summary>
    /// A wait on an InferenceService, written to the timeline: the InferenceService is involved (its state, events and
    /// predictor logs go into a failed scenario's diagnostics), then the start, and the end: what was reached, or the
    /// timeout with what the wait last saw.
    /// </summary>
    private async Task<IReadOnlyList<JsonObject>> Recorded(ObjectRef isvc, string waitedFor, Func<Task<IReadOnlyList<JsonObject>>> wait,
        Func<IReadOnlyList<JsonObject>, string> describe)
    {
        timeline?.Involve(isvc);
        timeline?.Record(TimelineName, $"waiting for {isvc}: {waitedFor}");
        try
        {
            var found = await wait();
            timeline?.Record(TimelineName, $"{isvc}: {waitedFor} reached: {describe(found)}");
            return found;
        }
        catch (WaitTimeoutException e)
        {
            timeline?.Record(TimelineName, $"{isvc}: {waitedFor} NOT reached: {e.Message}");
            throw;
        }
    }

    private static PodCount Count(IReadOnlyList<JsonObject> pods)
    {
        var terminating = pods.Count(p => p["metadata"]?["deletionTimestamp"] is not null);
        return new PodCount(pods.Count - terminating, terminating);
    }

    private async Task<JsonElement> ReadAsync(string tenant, string name, CancellationToken ct)
    {
        timeline?.Involve(ObjectRef.InferenceService(tenant, name));
        return ToElement(await api.GetAsync(ObjectRef.InferenceService(tenant, name), ct)
                         ?? throw new InvalidOperationException($"InferenceService {tenant}/{name} does not exist; is the platform provisioned?"));
    }

    private static JsonElement ToElement(JsonObject o) => JsonSerializer.SerializeToElement(o);
}
