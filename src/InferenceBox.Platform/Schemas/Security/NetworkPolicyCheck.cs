using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// The NetworkPolicies of manifests/, evaluated as kindnetd would (<see cref="NetworkPolicyModel"/>), against what tenants'
/// pods must not reach and what the platform needs (<see cref="NetworkReachability"/>), tenant by tenant; and who may open
/// the Istio ingress gateway. One error per tenant and direction, naming every connection that is wrong.
/// </summary>
public static class NetworkPolicyCheck
{
    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var model = new NetworkPolicyModel(objects);
        var tenants = PlatformTenants.All;
        for (var i = 0; i < tenants.Count; i++)
        {
            var (tenant, other) = (tenants[i], tenants[(i + 1) % tenants.Count]);
            var where = $"tenants/{tenant}/";
            var open = NetworkReachability.Forbidden(other)
                .Where(e => model.Allows(NetworkReachability.TenantPod(tenant), e.Target, e.Port)
                            || (e.Port != 4317 && model.Allows(NetworkReachability.PredictorPod(tenant), e.Target, e.Port)))
                .Select(e => $"{e.Name} ({e.Target.Namespace}, port {e.Port})").ToList();
            if (open.Count > 0)
                yield return new ValidationError(where, null, null,
                    $"{tenant}'s pods can open connections that must stay closed to them: {string.Join("; ", open)}. " +
                    "Give the tenant an egress NetworkPolicy that allows only what it needs (and 9091 to the monitoring namespace only)");
            var blocked = NetworkReachability.Needed(tenant, other).Where(n => !model.Allows(n.From, n.To, n.Port, n.Protocol))
                .Select(n => $"{n.From.Description} to {n.To.Description} on {n.Protocol} {n.Port} ({n.Why})").ToList();
            if (blocked.Count > 0)
                yield return new ValidationError(where, null, null,
                    $"the NetworkPolicies block connections the platform needs: {string.Join("; ", blocked)}");
        }
        var wrong = NetworkReachability.IngressGatewayCallers
            .Where(c => model.Allows(c.From, NetworkReachability.IngressGateway, 8081) != c.Allowed)
            .Select(c => $"{c.From.Description} {(c.Allowed ? "cannot" : "can")} open it").ToList();
        if (wrong.Count > 0)
            yield return new ValidationError("platform/istio/", null, null,
                $"the Istio ingress gateway (knative-local-gateway, port 8081) serves every model without the model gateway's checks, " +
                $"so only Envoy Gateway's proxies, net-istio's prober and Prometheus may open it: {string.Join("; ", wrong)}");
    }
}
