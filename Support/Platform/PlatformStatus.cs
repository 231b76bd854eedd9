using k8s;
using k8s.Autorest;
using k8s.Models;

namespace InferenceBox.Specs.Support.Platform;

/// <summary>Reads, on the live cluster, whether a component's Deployments are Available and its CRDs Established.</summary>
public sealed class PlatformStatus(IKubernetes kubernetes)
{
    /// <summary>One line per Deployment that is missing or not Available; empty when all are.</summary>
    public async Task<IReadOnlyList<string>> UnavailableDeploymentsAsync(PlatformComponent component, CancellationToken ct = default)
    {
        var problems = new List<string>();
        foreach (var name in component.Deployments)
        {
            var deployment = await GetOrNull(() => kubernetes.AppsV1.ReadNamespacedDeploymentAsync(name, component.Namespace, cancellationToken: ct));
            var available = deployment?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
            if (deployment is null) problems.Add($"Deployment {component.Namespace}/{name} does not exist");
            else if (available?.Status != "True")
                problems.Add($"Deployment {component.Namespace}/{name} is not Available ({available?.Reason ?? "no Available condition"}: {available?.Message})");
        }
        return problems;
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

    private static async Task<T?> GetOrNull<T>(Func<Task<T>> read) where T : class
    {
        try { return await read(); }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }
}
