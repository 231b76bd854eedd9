using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace InferenceBox.Specs.Support.Platform;

/// <summary>
/// Reads, on the live cluster, whether a component's Deployments and StatefulSets have rolled out, its CRDs are
/// Established and its Gateways are Programmed with their Envoy proxies rolled out, by the rules of
/// <see cref="WorkloadReadiness"/>.
/// </summary>
public sealed class PlatformStatus(IKubernetes kubernetes)
{
    /// <summary>One line per Deployment that is missing or not rolled out; empty when all are.</summary>
    public async Task<IReadOnlyList<string>> UnavailableDeploymentsAsync(PlatformComponent component, CancellationToken ct = default)
    {
        var problems = new List<string>();
        foreach (var name in component.Deployments)
        {
            var deployment = await GetOrNull(() => kubernetes.AppsV1.ReadNamespacedDeploymentAsync(name, component.Namespace, cancellationToken: ct));
            problems.AddRange(Judge($"Deployment {component.Namespace}/{name}", deployment, WorkloadReadiness.Deployment));
        }
        return problems;
    }

    /// <summary>One line per StatefulSet that is missing or not rolled out; empty when all are.</summary>
    public async Task<IReadOnlyList<string>> StatefulSetProblemsAsync(string ns, string name, CancellationToken ct = default) =>
        Judge($"StatefulSet {ns}/{name}", await GetOrNull(() => kubernetes.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct)),
            WorkloadReadiness.StatefulSet);

    /// <summary>Whether a Gateway is Programmed for its current generation.</summary>
    public async Task<IReadOnlyList<string>> GatewayProblemsAsync(string ns, string name, CancellationToken ct = default) =>
        Judge($"Gateway {ns}/{name}", await GetOrNull(() => kubernetes.CustomObjects.GetNamespacedCustomObjectAsync(
            "gateway.networking.k8s.io", "v1", ns, "gateways", name, cancellationToken: ct)), WorkloadReadiness.Gateway);

    /// <summary>Whether the Envoy proxy Deployment Envoy Gateway runs for a Gateway exists and has rolled out.</summary>
    public async Task<IReadOnlyList<string>> ProxyProblemsAsync(string gatewayNamespace, string gateway, CancellationToken ct = default)
    {
        var selector = ModelGateway.ProxySelector(gateway, gatewayNamespace);
        var proxies = await kubernetes.AppsV1.ListNamespacedDeploymentAsync(ModelGateway.Namespace, labelSelector: selector, cancellationToken: ct);
        if (proxies.Items.Count == 0) return [$"no Envoy proxy Deployment in {ModelGateway.Namespace} carries {selector}"];
        return proxies.Items.SelectMany(d => Judge($"Deployment {ModelGateway.Namespace}/{d.Metadata.Name}", d, WorkloadReadiness.Deployment)).ToList();
    }

    /// <summary>One line per CRD that is missing or not Established; empty when all are.</summary>
    public async Task<IReadOnlyList<string>> UnestablishedCrdsAsync(PlatformComponent component, CancellationToken ct = default)
    {
        var problems = new List<string>();
        foreach (var name in component.Crds)
        {
            var crd = await GetOrNull(() => kubernetes.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: ct));
            var established = crd?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Established");
            if (crd is null) problems.Add($"CRD {name} does not exist");
            else if (established?.Status != "True") problems.Add($"CRD {name} is not Established ({established?.Reason})");
        }
        return problems;
    }

    private static IReadOnlyList<string> Judge(string what, object? obj, Func<JsonNode, WaitVerdict> rule)
    {
        if (obj is null) return [$"{what} does not exist"];
        var verdict = rule(JsonNode.Parse(KubernetesJson.Serialize(obj))!);
        return verdict.Done ? [] : [$"{what} is not ready: {verdict.State}"];
    }

    private static async Task<T?> GetOrNull<T>(Func<Task<T>> read) where T : class
    {
        try { return await read(); }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }
}
