using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;
using k8s;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>Whether one platform component is ready, and why not.</summary>
public sealed record ComponentStatus(string What, bool Ready, string Detail)
{
    public override string ToString() => $"{What}: {(Ready ? "ready" : "NOT ready")} ({Detail})";
}

/// <summary>
/// Reads and awaits platform readiness for the run hook: Deployments Available (for their current generation) per
/// namespace, CRDs Established. Reads are one-shot; waits are watch-based with the named budgets.
/// </summary>
public sealed class PlatformStatus(IKubernetes client, RunContext run)
{
    private readonly KubernetesObjectSource _source = new(client);
    private readonly ObjectWaiter _waiter = new(new KubernetesObjectSource(client), run.Budgets);

    public async Task<IReadOnlyList<ComponentStatus>> DeploymentsAsync(string ns, CancellationToken ct = default)
    {
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct);
        return deployments.Items.Select(d =>
        {
            var verdict = ObjectState.ConditionTrue(KubernetesObjectSource.ToNode(d), "Available");
            return new ComponentStatus($"Deployment {ns}/{d.Metadata.Name}", verdict.Done, verdict.State);
        }).ToList();
    }

    public async Task<ComponentStatus> CrdAsync(string name, CancellationToken ct = default)
    {
        var (crd, _) = await _source.ListAsync(ObjectRef.Crd(name), ct);
        var verdict = ObjectState.ConditionTrue(crd, "Established");
        return new ComponentStatus($"CRD {name}", verdict.Done, verdict.State);
    }

    /// <summary>Waits until every Deployment of the namespace is Available, each within the deployment budget.</summary>
    public async Task WaitForDeploymentsAsync(string ns, CancellationToken ct = default)
    {
        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct);
        await Task.WhenAll(deployments.Items.Select(d =>
            _waiter.ConditionAsync(ObjectRef.Deployment(ns, d.Metadata.Name), "Available", WaitBudgets.Names.DeploymentAvailable, ct)));
    }

    public Task WaitForCrdAsync(string name, CancellationToken ct = default) =>
        _waiter.ConditionAsync(ObjectRef.Crd(name), "Established", WaitBudgets.Names.CrdEstablished, ct);
}
