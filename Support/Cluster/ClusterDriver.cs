using System.Net;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;
using k8s;
using k8s.Autorest;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// The suite's one way into the cluster (KubernetesClient): server-side apply, watch-based waits with named
/// budgets, delete-and-wait-until-gone, in-mesh client pods, access reviews, logs and events. Objects it creates
/// for a scenario are uniquely named, labelled with the run id and tracked for cleanup.
/// </summary>
public sealed partial class ClusterDriver
{
    private readonly IKubernetes _client;
    private readonly RunContext _run;
    private readonly ScenarioResources _resources;
    private readonly ScenarioTimeline _timeline;
    private readonly ObjectWaiter _waiter;

    public ClusterDriver(IKubernetes client, RunContext run, ScenarioResources resources, ScenarioTimeline timeline)
    {
        (_client, _run, _resources, _timeline) = (client, run, resources, timeline);
        _waiter = new ObjectWaiter(new KubernetesObjectSource(client), run.Budgets, timeline);
    }

    public ObjectWaiter Waits => _waiter;

    /// <summary>Applies an object the scenario owns: labelled with the run id, tracked, deleted after the scenario.</summary>
    public async Task<ObjectRef> ApplyOwnedAsync(JsonObject manifest, CancellationToken ct = default)
    {
        var target = ServerSideApply.RefOf(manifest);
        _resources.Track(target);
        _timeline.Involve(target);
        _timeline.Record("cluster", $"apply {target}");
        await ServerSideApply.ApplyAsync(_client, manifest, _resources.Labels, ct);
        return target;
    }

    public Task<JsonNode?> WaitForConditionAsync(ObjectRef obj, string condition, string budgetName, CancellationToken ct = default)
    {
        _timeline.Involve(obj);
        return _waiter.ConditionAsync(obj, condition, budgetName, ct);
    }

    /// <summary>Deletes (foreground) and waits until the API no longer returns the object.</summary>
    public async Task DeleteAndWaitAsync(ObjectRef obj, CancellationToken ct = default)
    {
        _timeline.Record("cluster", $"delete {obj}");
        var options = new k8s.Models.V1DeleteOptions { PropagationPolicy = "Foreground" };
        try
        {
            switch (obj.Group, obj.Kind)
            {
                case ("", "Pod"): await _client.CoreV1.DeleteNamespacedPodAsync(obj.Name, obj.Namespace, options, cancellationToken: ct); break;
                case ("", "Secret"): await _client.CoreV1.DeleteNamespacedSecretAsync(obj.Name, obj.Namespace, options, cancellationToken: ct); return;
                case ("", _): throw new NotSupportedException($"Deleting core {obj.Kind} objects is not supported: {obj}.");
                default:
                    if (obj.Namespace is null)
                        await _client.CustomObjects.DeleteClusterCustomObjectAsync(obj.Group, obj.Version, obj.Plural, obj.Name, options, cancellationToken: ct);
                    else
                        await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(obj.Group, obj.Version, obj.Namespace, obj.Plural, obj.Name, options, cancellationToken: ct);
                    break;
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }
        await _waiter.GoneAsync(obj, WaitBudgets.Names.ObjectDeleted, ct);
    }

    /// <summary>The object as the API server has it now (null when absent).</summary>
    public async Task<JsonNode?> ReadAsync(ObjectRef obj, CancellationToken ct = default) =>
        (await new KubernetesObjectSource(_client).ListAsync(obj, ct)).Object;

    public Task<IReadOnlyList<string>> EventsAsync(ObjectRef obj, int max = 20, CancellationToken ct = default) =>
        new KubernetesObjectSource(_client).RecentEventsAsync(obj, max, ct);

    /// <summary>Logs of every container of the pods matching the selector, since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PodLogsAsync(string ns, string labelSelector, DateTimeOffset since,
        CancellationToken ct = default)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling((DateTimeOffset.UtcNow - since).TotalSeconds));
        var pods = await _client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: ct);
        var logs = new Dictionary<string, string>();
        foreach (var pod in pods.Items)
        foreach (var container in (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).Select(c => c.Name))
        {
            try
            {
                await using var stream = await _client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, container: container,
                    sinceSeconds: seconds, cancellationToken: ct);
                logs[$"{ns}/{pod.Metadata.Name}/{container}"] = await new StreamReader(stream).ReadToEndAsync(ct);
            }
            catch (HttpOperationException e)
            {
                logs[$"{ns}/{pod.Metadata.Name}/{container}"] = $"(no logs: {(int)e.Response.StatusCode} {e.Response.Content})";
            }
        }
        return logs;
    }
}
