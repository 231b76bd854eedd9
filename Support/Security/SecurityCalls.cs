using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Schemas.Security;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Security;

/// <summary>
/// The calls the security baseline's scenarios make from a tenant's client pod (issue 19 items 3 and 7), and the control
/// beside them: the front door, the model gateway's own Service inside the cluster, serves the tenant. Endpoints are the
/// ones the offline NetworkPolicy check judges (<see cref="NetworkReachability"/>), called at their in-cluster addresses.
/// </summary>
public sealed class SecurityCalls(ClusterDriver cluster, TenantTraffic traffic)
{
    public const string ActivatorUrl = "http://activator-service.knative-serving.svc.cluster.local";

    public InMeshResult Last { get; private set; } = null!;

    /// <summary>
    /// Asks Knative's activator itself for another tenant's revision, naming it in the Knative-Serving-Namespace and
    /// -Revision headers the activator routes by (knative/serving@knative-v1.18.1 pkg/activator/handler/context_handler.go),
    /// holding that tenant's token: everything a confused deputy needs but a mesh identity.
    /// </summary>
    public async Task<InMeshResult> AskTheActivatorAsync(string caller, bool withSidecar, string owner, string model, CancellationToken ct = default)
    {
        await traffic.HoldValidTokenAsync(owner, ct);
        var revision = await cluster.LatestReadyRevisionAsync(owner, model, ct);
        var headers = new Dictionary<string, string> { ["Knative-Serving-Namespace"] = owner, ["Knative-Serving-Revision"] = revision };
        var call = new InMeshCall(caller, withSidecar, new Uri($"{ActivatorUrl}/{KServePayloads.V1Path(model).TrimStart('/')}"), "POST",
            KServePayloads.V1Request(ModelProber.SteadyStateVersion(owner, model).ProbeInput!), headers);
        return Last = await traffic.KeepingWarmAsync(owner, model, () => cluster.RunClientPodAsync(call, traffic.TokenOf(owner), ct), ct);
    }

    /// <summary>Calls Istio's knative-local-gateway with the owner's predictor host and the owner's token, as the gateway path does.</summary>
    public async Task<InMeshResult> CallThroughLocalGatewayAsync(string caller, string owner, string model, CancellationToken ct = default)
    {
        await traffic.HoldValidTokenAsync(owner, ct);
        var endpoint = NetworkReachability.Forbidden(owner).Single(e => e.Name == NetworkReachability.LocalGateway);
        var call = new InMeshCall(caller, false, new Uri(endpoint.Url), "POST",
            KServePayloads.V1Request(ModelProber.SteadyStateVersion(owner, model).ProbeInput!),
            new Dictionary<string, string> { ["Host"] = $"{model}-predictor.{owner}.svc.cluster.local" });
        return Last = await traffic.KeepingWarmAsync(owner, model, () => cluster.RunClientPodAsync(call, traffic.TokenOf(owner), ct), ct);
    }

    /// <summary>Opens one of the endpoints tenants' pods must not reach, by the feature's name for it (e.g. "Prometheus").</summary>
    public async Task<InMeshResult> OpenAsync(string caller, string endpointName, CancellationToken ct = default)
    {
        var other = PlatformTenants.All.FirstOrDefault(t => endpointName.StartsWith(t + "'s", StringComparison.Ordinal)) ?? OtherThan(caller);
        var endpoint = NetworkReachability.Forbidden(other).SingleOrDefault(e => e.Name == endpointName)
            ?? throw new ArgumentException($"Unknown endpoint \"{endpointName}\". Known: {string.Join(", ", NetworkReachability.Forbidden(other).Select(e => e.Name))}.");
        if (!endpoint.Url.Contains("{revision}", StringComparison.Ordinal))
            return Last = await cluster.RunClientPodAsync(new InMeshCall(caller, false, new Uri(endpoint.Url)), ct: ct);
        // A queue-proxy answers only while its revision has a pod: keep it warm, or a refused connection (no endpoints) would pass for a drop.
        var url = endpoint.Url.Replace("{revision}", await cluster.LatestReadyRevisionAsync(other, "sklearn-iris", ct), StringComparison.Ordinal);
        return Last = await traffic.KeepingWarmAsync(other, "sklearn-iris", () => cluster.RunClientPodAsync(new InMeshCall(caller, false, new Uri(url)), ct: ct), ct);
    }

    /// <summary>The control: the tenant's probe through the model gateway's own Service, from inside the cluster.</summary>
    public async Task<InMeshResult> CallModelGatewayInsideAsync(string caller, string model, CancellationToken ct = default)
    {
        await traffic.HoldValidTokenAsync(caller, ct);
        var gateway = await cluster.ModelGatewayServiceUrlAsync(ct);
        var call = new InMeshCall(caller, false, new Uri(gateway, GatewayDriver.ModelPath(caller, model, KServePayloads.V1Path(model)).TrimStart('/')),
            "POST", KServePayloads.V1Request(ModelProber.SteadyStateVersion(caller, model).ProbeInput!));
        return Last = await cluster.RunClientPodAsync(call, traffic.TokenOf(caller), ct);
    }

    private static string OtherThan(string tenant) => PlatformTenants.All.First(t => t != tenant);
}
