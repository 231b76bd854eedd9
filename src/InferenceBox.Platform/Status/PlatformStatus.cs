using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Gateway;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Status;

/// <summary>
/// Reads, on the live cluster, whether a component's Deployments and StatefulSets have rolled out, its CRDs are
/// Established and its Gateways are Programmed with their Envoy proxies rolled out — by the same readiness rules the
/// provisioner waits on (<see cref="ReadinessRules"/>, one per kind).
/// </summary>
public sealed class PlatformStatus(ClusterApi api)
{
    /// <summary>One line per Deployment that is missing or not rolled out; empty when all are.</summary>
    public Task<IReadOnlyList<string>> UnavailableDeploymentsAsync(PlatformComponent component, CancellationToken ct = default) =>
        ProblemsAsync(component.Deployments, ct);

    /// <summary>One line per StatefulSet that is missing or not rolled out; empty when all are.</summary>
    public Task<IReadOnlyList<string>> StatefulSetProblemsAsync(string ns, string name, CancellationToken ct = default) =>
        ProblemsAsync([new StatefulSetReady(ns, name)], ct);

    /// <summary>Whether a Gateway is Programmed for its current generation.</summary>
    public Task<IReadOnlyList<string>> GatewayProblemsAsync(string ns, string name, CancellationToken ct = default) =>
        ProblemsAsync([new GatewayProgrammed(ns, name)], ct);

    /// <summary>Whether the Envoy proxy Deployment Envoy Gateway runs for a Gateway exists and has rolled out.</summary>
    public Task<IReadOnlyList<string>> ProxyProblemsAsync(string gatewayNamespace, string gateway, CancellationToken ct = default) =>
        ProblemsAsync([new GatewayProxyAvailable(ModelGateway.Namespace, gatewayNamespace, gateway)], ct);

    /// <summary>One line per CRD that is missing or not Established; empty when all are.</summary>
    public Task<IReadOnlyList<string>> UnestablishedCrdsAsync(PlatformComponent component, CancellationToken ct = default) =>
        ProblemsAsync(component.Crds, ct);

    private async Task<IReadOnlyList<string>> ProblemsAsync(IEnumerable<Readiness> requirements, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var requirement in requirements)
            if (await api.ProbeAsync(requirement, ct) is { Done: false } state)
                problems.Add($"{requirement.Describe}: not yet ({state.State})");
        return problems;
    }
}
