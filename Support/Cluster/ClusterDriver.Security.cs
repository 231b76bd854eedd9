using System.Text.Json;
using k8s;
using k8s.Models;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Gateway;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>What a Service exposes: its type and the node ports it holds (a ClusterIP Service holds none).</summary>
public sealed record ServiceExposure(string Namespace, string Name, string Type, IReadOnlyList<int> NodePorts);

/// <summary>An InferenceService and the URL KServe gave it (null while it has none).</summary>
public sealed record ModelUrl(string Namespace, string Name, string? Url);

/// <summary>Reads the security baseline's scenarios need (issue 19): added beside the driver, reading only.</summary>
public sealed partial class ClusterDriver
{
    /// <summary>The ready revision of a tenant's model (Knative's revision name, e.g. sklearn-iris-predictor-00001).</summary>
    public async Task<string> LatestReadyRevisionAsync(string tenant, string model, CancellationToken ct = default)
    {
        var isvc = ObjectRef.InferenceService(tenant, model);
        timeline.Involve(isvc);
        var current = await ReadAsync(isvc, ct) ?? throw new InvalidOperationException($"{isvc} does not exist; is the platform provisioned?");
        return (string?)current["status"]?["components"]?["predictor"]?["latestReadyRevision"]
               ?? throw new InvalidOperationException($"{isvc} has no ready revision yet ({ReadinessRules.Summary(current)}).");
    }

    /// <summary>The model gateway's own Service inside the cluster (Envoy Gateway names it with a hash; its labels name the Gateway).</summary>
    public async Task<Uri> ModelGatewayServiceUrlAsync(CancellationToken ct = default)
    {
        var services = (await api.Client.CoreV1.ListNamespacedServiceAsync(ModelGateway.Namespace, labelSelector: ModelGateway.ProxySelector(), cancellationToken: ct)).Items;
        var service = services.Count == 1 ? services[0] : throw new InvalidOperationException(
            $"Expected one Service of Gateway {ModelGateway.Namespace}/{ModelGateway.Name} (labels {ModelGateway.ProxySelector()}), found {services.Count}.");
        var port = service.Spec.Ports.FirstOrDefault(p => p.Port == 80)?.Port ?? service.Spec.Ports[0].Port;
        return new Uri($"http://{service.Metadata.Name}.{service.Metadata.NamespaceProperty}.svc.cluster.local:{port}/");
    }

    public async Task<ServiceExposure> ServiceExposureAsync(string ns, string name, CancellationToken ct = default)
    {
        var service = await api.Client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct);
        timeline.Record("cluster", $"Service {ns}/{name}: type {service.Spec.Type}");
        return new ServiceExposure(ns, name, service.Spec.Type ?? "ClusterIP",
            (service.Spec.Ports ?? []).Where(p => p.NodePort is > 0).Select(p => p.NodePort!.Value).ToList());
    }

    /// <summary>Every InferenceService of the cluster with its status.url.</summary>
    public async Task<IReadOnlyList<ModelUrl>> InferenceServiceUrlsAsync(CancellationToken ct = default)
    {
        var list = await api.Client.CustomObjects.ListClusterCustomObjectAsync("serving.kserve.io", "v1beta1", "inferenceservices", cancellationToken: ct);
        var json = JsonSerializer.SerializeToElement(list);
        return json.GetProperty("items").EnumerateArray().Select(i => new ModelUrl(
            i.GetProperty("metadata").GetProperty("namespace").GetString() ?? "", i.GetProperty("metadata").GetProperty("name").GetString() ?? "",
            i.TryGetProperty("status", out var s) && s.TryGetProperty("url", out var u) ? u.GetString() : null)).ToList();
    }

    /// <summary>A SubjectAccessReview for a resource of an API group (e.g. security.istio.io authorizationpolicies).</summary>
    public async Task<AccessReview> ReviewAccessAsync(string serviceAccountNamespace, string serviceAccount, string verb, string group,
        string resource, string targetNamespace, CancellationToken ct = default)
    {
        var user = $"system:serviceaccount:{serviceAccountNamespace}:{serviceAccount}";
        var review = await api.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = ["system:serviceaccounts", $"system:serviceaccounts:{serviceAccountNamespace}", "system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Group = group, Resource = resource, NamespaceProperty = targetNamespace },
            },
        }, cancellationToken: ct);
        var result = new AccessReview(user, verb, $"{resource}.{group}", targetNamespace, review.Status.Allowed,
            review.Status.Reason ?? "", review.Status.EvaluationError ?? "");
        timeline.Record("cluster", $"access review: {user} {verb} {resource}.{group} in {targetNamespace} -> {(result.Allowed ? "allowed" : "denied")}");
        return result;
    }
}
