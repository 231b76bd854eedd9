using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Provisioning.Ports;

namespace InferenceBox.Specs.Support.Platform;

/// <summary>
/// Reads, on the live cluster, whether a component's Deployments are Available and its CRDs Established — by the
/// same readiness rules the provisioner waits on (<see cref="ReadinessRules"/>).
/// </summary>
public sealed class PlatformStatus(ClusterApi api)
{
    /// <summary>One line per Deployment that is missing or not Available; empty when all are.</summary>
    public Task<IReadOnlyList<string>> UnavailableDeploymentsAsync(PlatformComponent component, CancellationToken ct = default) =>
        ProblemsAsync(component.Deployments.Select(name => (Readiness)new DeploymentAvailable(component.Namespace, name)), ct);

    /// <summary>One line per CRD that is missing or not Established; empty when all are.</summary>
    public Task<IReadOnlyList<string>> UnestablishedCrdsAsync(PlatformComponent component, CancellationToken ct = default) =>
        ProblemsAsync(component.Crds.Select(name => (Readiness)new CrdEstablished(name)), ct);

    private async Task<IReadOnlyList<string>> ProblemsAsync(IEnumerable<Readiness> requirements, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var requirement in requirements)
            if (await api.ProbeAsync(requirement, ct) is { Ready: false } state)
                problems.Add($"{requirement.Describe}: not yet ({state.Detail})");
        return problems;
    }
}
