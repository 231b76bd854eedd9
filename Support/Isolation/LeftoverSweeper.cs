using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Run;
using k8s;

namespace InferenceBox.Specs.Support.Isolation;

/// <summary>
/// Deletes what earlier runs' scenarios left behind (kept on failure, or interrupted before cleanup): every
/// InferenceService, Pod and Secret in the given namespaces labelled with a run id other than the current one.
/// Meant for the run hook, once, before the first scenario.
/// </summary>
public sealed class LeftoverSweeper(IKubernetes client, RunContext run)
{
    public static string Selector(string currentRunId) =>
        $"{RunContext.RunIdLabel},{RunContext.RunIdLabel}!={ScenarioResources.LabelValue(currentRunId)}";

    public async Task<IReadOnlyList<ObjectRef>> LeftoversAsync(IEnumerable<string> namespaces, CancellationToken ct = default)
    {
        var selector = Selector(run.RunId);
        var found = new List<ObjectRef>();
        foreach (var ns in namespaces)
        {
            var isvcs = KubernetesObjectSource.ToNode(await client.CustomObjects.ListNamespacedCustomObjectAsync(
                "serving.kserve.io", "v1beta1", ns, "inferenceservices", labelSelector: selector, cancellationToken: ct));
            found.AddRange((isvcs?["items"]?.AsArray() ?? []).Select(i => ObjectRef.InferenceService(ns, (string)i!["metadata"]!["name"]!)));
            found.AddRange((await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: ct)).Items
                .Select(p => ObjectRef.Pod(ns, p.Metadata.Name)));
            found.AddRange((await client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector, cancellationToken: ct)).Items
                .Select(s => ObjectRef.Secret(ns, s.Metadata.Name)));
        }
        return found;
    }

    /// <summary>Deletes the leftovers and waits until they are gone; returns what was swept.</summary>
    public async Task<IReadOnlyList<ObjectRef>> SweepAsync(IEnumerable<string> namespaces, CancellationToken ct = default)
    {
        var leftovers = await LeftoversAsync(namespaces, ct);
        var cluster = new ClusterDriver(client, run, new ScenarioResources(run, ScenarioIdentity.For("run", "sweep leftovers")),
            new Diagnostics.ScenarioTimeline());
        await ScenarioCleanup.DeleteAllAsync(leftovers, cluster.DeleteAndWaitAsync, ct);
        return leftovers;
    }
}
