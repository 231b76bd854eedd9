using InferenceBox.Specs.Support.Cluster;

namespace InferenceBox.Specs.Support.Security;

/// <summary>
/// The model gateway is the only way in (issue 19 item 6): the Istio ingress gateway's Service is ClusterIP with no node
/// port (values/istio-ingressgateway.yaml), and every InferenceService's URL is the cluster-local host Knative gives a
/// cluster-local route (http://&lt;name&gt;.&lt;namespace&gt;.svc.cluster.local: knative/serving@knative-v1.18.1
/// pkg/reconciler/route/domains/domains.go, default domain template for cluster-local; KServe copies the predictor's URL
/// without "-predictor", kserve/kserve@v0.15.2 reconcilers/ingress/ingress_reconciler.go getHostBasedServiceUrl).
/// </summary>
public static class EntryPointVerdict
{
    public static string? WhyNotInternal(ServiceExposure service) =>
        service.Type == "ClusterIP" && service.NodePorts.Count == 0 ? null
        : $"Service {service.Namespace}/{service.Name} is {service.Type}" +
          (service.NodePorts.Count > 0 ? $" with node ports {string.Join(", ", service.NodePorts)}: it listens on the node's address, past the model gateway" : "");

    /// <summary>The models that have a URL which is not their cluster-local host (one without a URL yet serves nobody).</summary>
    public static IReadOnlyList<string> NotClusterLocal(IReadOnlyList<ModelUrl> models) =>
        [.. models.Where(m => m.Url is not null && (!Uri.TryCreate(m.Url, UriKind.Absolute, out var u) || u.Host != $"{m.Name}.{m.Namespace}.svc.cluster.local"))
            .Select(m => $"{m.Namespace}/{m.Name}: {m.Url}")];
}
