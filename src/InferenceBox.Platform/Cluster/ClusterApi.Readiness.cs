using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Cluster;

// The provisioner's view (IClusterPort) on the same operations the drivers use.
public sealed partial class ClusterApi
{
    public async Task<ReadinessState> ProbeAsync(Readiness readiness, CancellationToken ct)
    {
        WatchTarget target;
        try { target = await TargetAsync(readiness, ct); }
        catch (KindNotServedException e) { return new ReadinessState(false, e.Message); }
        var (found, _) = await ListAsync(target.Resource, target.Namespace, target.LabelSelector, target.FieldSelector, ct);
        var verdict = readiness.Evaluate(found);
        return new ReadinessState(verdict.Done, verdict.State, readiness.VersionOf(found));
    }

    public async Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct) =>
        await UntilAsync(await TargetAsync(readiness, ct), readiness.Evaluate, readiness.Describe, budgetName, budget, ct);

    private async Task<WatchTarget> TargetAsync(Readiness readiness, CancellationToken ct)
    {
        var r = await ResolveAsync(readiness.ApiVersion, readiness.Kind, ct);
        var ns = r.Namespaced ? readiness.Namespace : null;
        return readiness.LabelSelector is { } labels ? new WatchTarget(r, ns, null, labels) : WatchTarget.Named(r, ns, readiness.Name);
    }

    public async Task<string?> ReadSecretValueAsync(string ns, string name, string key, CancellationToken ct) =>
        (string?)(await GetAsync(ObjectRef.Secret(ns, name), ct))?["data"]?[key] is { } base64
            ? Encoding.UTF8.GetString(Convert.FromBase64String(base64)) : null;

    public async Task<string?> ReadConfigMapValueAsync(string ns, string name, string key, CancellationToken ct) =>
        (string?)(await GetAsync(ObjectRef.ConfigMap(ns, name), ct))?["data"]?[key];

    public async Task<string?> ReadPodTemplateAnnotationAsync(string ns, string deployment, string key, CancellationToken ct) =>
        (string?)(await GetAsync(ObjectRef.Deployment(ns, deployment), ct))?["spec"]?["template"]?["metadata"]?["annotations"]?[key];

    public Task SetPodTemplateAnnotationAsync(string ns, string deployment, string key, string value, CancellationToken ct) =>
        MergePatchAsync(ObjectRef.Deployment(ns, deployment),
            new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject
                { ["annotations"] = new JsonObject { [key] = value } } } } }, ct);

    /// <summary>The kinds a scenario creates (and a crashed run may leave behind).</summary>
    private static readonly (string ApiVersion, string Kind)[] Sweepable =
        [("v1", "Namespace"), ("v1", "Pod"), ("v1", "Secret"), ("serving.kserve.io/v1beta1", "InferenceService")];

    public async Task<IReadOnlyList<LabelledObject>> ListLabelledAsync(string labelSelector, string valueOf, CancellationToken ct)
    {
        var found = new List<LabelledObject>();
        foreach (var (apiVersion, kind) in Sweepable)
        {
            ServedResource r;
            try { r = await ResolveAsync(apiVersion, kind, ct); }
            catch (KindNotServedException) { continue; } // e.g. KServe not installed yet
            var (items, _) = await ListAsync(r, null, labelSelector, null, ct);
            found.AddRange(items.Select(i => new LabelledObject(kind, (string?)i["metadata"]?["namespace"], (string)i["metadata"]!["name"]!,
                (string?)i["metadata"]?["labels"]?[valueOf] ?? "", (string?)i["metadata"]?["labels"]?[Run.RunContext.ManagedByLabel])));
        }
        return found;
    }

    public Task DeleteAsync(LabelledObject target, CancellationToken ct) =>
        DeleteAsync(new ObjectRef(Sweepable.First(s => s.Kind == target.Kind).ApiVersion, target.Kind, target.Namespace, target.Name), null, ct);
}
