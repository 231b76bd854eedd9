using k8s;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>
/// What a live cluster says it runs, for the report: the API server's version (GET /version), every container image of
/// its Deployments, and the Helm chart each Deployment was installed from. Helm charts label what they install
/// "helm.sh/chart: &lt;chart&gt;-&lt;version&gt;" (recommended, not required: helm.sh/docs/chart_best_practices/labels), so the
/// chart versions are read from the objects rather than from Helm's release Secrets.
/// </summary>
public static class ClusterInventory
{
    public const string ChartLabel = "helm.sh/chart";

    public static async Task<ClusterObservation> ReadAsync(IKubernetes kubernetes, CancellationToken ct = default)
    {
        try
        {
            var version = await kubernetes.Version.GetCodeAsync(ct);
            var deployments = await kubernetes.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct);
            var images = deployments.Items
                .SelectMany(d => (d.Spec?.Template?.Spec?.Containers ?? []).Concat(d.Spec?.Template?.Spec?.InitContainers ?? []))
                .Select(c => c.Image).Where(i => !string.IsNullOrEmpty(i)).Distinct().Order(StringComparer.Ordinal).ToList();
            var charts = deployments.Items
                .Where(d => d.Metadata?.Labels?.ContainsKey(ChartLabel) == true)
                .GroupBy(d => d.Metadata.Labels[ChartLabel])
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(d => $"{d.Metadata.NamespaceProperty}/{d.Metadata.Name}").Order(StringComparer.Ordinal)));
            return new ClusterObservation(true, $"read from the API server of the run's context ({deployments.Items.Count} Deployments)",
                version.GitVersion, images, new SortedDictionary<string, string>(charts, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException)
        {
            return new ClusterObservation(false, $"not read: {e.Message}", null, [], new Dictionary<string, string>());
        }
    }
}
