using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas.Security;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// TLS at the edge (issue 13), what no schema can say:
/// <list type="bullet">
/// <item>A listener that terminates TLS names a Secret a cert-manager Certificate of manifests/ writes (spec.secretName)
/// in that namespace: otherwise Envoy Gateway does not program it (envoyproxy/gateway@v1.4.2 internal/gatewayapi/validate.go
/// validateTLSConfiguration, validateTerminateModeAndGetTLSSecrets).</item>
/// <item>A Certificate's issuerRef names an Issuer or ClusterIssuer of manifests/, and a CA ClusterIssuer's Secret is a CA
/// Certificate's in cert-manager's cluster resource namespace, where cert-manager reads it (cert-manager/cert-manager@v1.18.2
/// deploy/charts/cert-manager/templates/deployment.yaml: --cluster-resource-namespace=$(POD_NAMESPACE)).</item>
/// <item>A plain HTTP listener carries no route with a backend, on any Gateway: such a route would take bearer tokens in
/// clear. Plain HTTP is for redirects (a RequestRedirect rule has no backendRefs). An AIGatewayRoute counts as a route with
/// a backend on every listener of its Gateway that admits its namespace (see <see cref="AiRoutesOn"/>).</item>
/// </list>
/// </summary>
public static class GatewayTlsCheck
{
    private const string GatewayApi = "gateway.networking.k8s.io", CertManager = "cert-manager.io";

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects, string clusterResourceNamespace)
    {
        var certificates = objects.Where(o => Nodes.Is(o, CertManager, "Certificate")).ToList();
        var namespaces = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1", Name: not null })
            .GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First());
        foreach (var gateway in objects.Where(o => Nodes.Is(o, GatewayApi, "Gateway")))
        {
            var listeners = Nodes.Items(gateway.Body["spec"]?["listeners"]).ToList();
            var terminates = listeners.Any(l => Nodes.Text(l?["protocol"]) is "HTTPS" or "TLS" && (Nodes.Text(l?["tls"]?["mode"]) ?? "Terminate") == "Terminate");
            for (var i = 0; i < listeners.Count; i++)
            {
                var refs = Nodes.Items(listeners[i]?["tls"]?["certificateRefs"]).ToList();
                for (var j = 0; j < refs.Count; j++)
                {
                    var ns = Nodes.Text(refs[j]?["namespace"]) ?? gateway.Namespace;
                    var name = Nodes.Text(refs[j]?["name"]);
                    if ((Nodes.Text(refs[j]?["kind"]) ?? "Secret") != "Secret") continue;
                    if (!certificates.Any(c => c.Namespace == ns && Nodes.Text(c.Body["spec"]?["secretName"]) == name)
                        && !objects.Any(o => o is { Kind: "Secret", ApiVersion: "v1" } && o.Namespace == ns && o.Name == name))
                        yield return Nodes.Error(gateway, $".spec.listeners[{i}].tls.certificateRefs[{j}]",
                            $"names Secret {ns}/{name}, which no cert-manager Certificate of manifests/ writes (spec.secretName): Envoy Gateway would " +
                            "not program the listener. Add a Certificate for it (manifests/tls/)");
                }
                if (Nodes.Text(listeners[i]?["protocol"]) != "HTTP") continue;
                var routes = GatewayAttachmentCheck.RoutesOn(objects, gateway, Nodes.Text(listeners[i]?["name"])).Where(HasBackend)
                    .Concat(AiRoutesOn(objects, gateway)).Where(r => Admits(listeners[i], gateway, r, namespaces)).ToList();
                if (routes.Count > 0)
                    yield return Nodes.Error(gateway, $".spec.listeners[{i}]",
                        $"is plain HTTP{(terminates ? " on a Gateway that terminates TLS" : "")}, and serves {string.Join(", ", routes.Select(r => r.Identity))}: " +
                        "their bearer tokens would travel in clear. Serve them on HTTPS only: attach HTTPRoutes to the HTTPS listener (parentRefs " +
                        "sectionName) and keep plain HTTP for a redirect (allowedRoutes from: Same)" +
                        (routes.Any(r => r.Kind == "AIGatewayRoute") ? "; an AIGatewayRoute's generated HTTPRoute names no listener, so its Gateway " +
                            "must have no plain HTTP listener that admits its namespace" : ""));
            }
        }
        foreach (var error in IssuerErrors(objects, certificates, clusterResourceNamespace)) yield return error;
    }

    private static IEnumerable<ValidationError> IssuerErrors(IReadOnlyList<ManifestObject> objects, List<ManifestObject> certificates, string resourceNamespace)
    {
        foreach (var certificate in certificates)
        {
            var issuer = certificate.Body["spec"]?["issuerRef"];
            var kind = Nodes.Text(issuer?["kind"]) ?? "Issuer";
            var name = Nodes.Text(issuer?["name"]);
            if (!objects.Any(o => Nodes.Is(o, CertManager, kind) && o.Name == name && (kind == "ClusterIssuer" || o.Namespace == certificate.Namespace)))
                yield return Nodes.Error(certificate, ".spec.issuerRef", $"names {kind} {name}, which is not in manifests/: the Certificate would never be issued");
        }
        foreach (var clusterIssuer in objects.Where(o => Nodes.Is(o, CertManager, "ClusterIssuer")))
            if (Nodes.Text(clusterIssuer.Body["spec"]?["ca"]?["secretName"]) is { } secret
                && !certificates.Any(c => c.Namespace == resourceNamespace && Nodes.Text(c.Body["spec"]?["secretName"]) == secret
                                          && c.Body["spec"]?["isCA"] is JsonValue v && v.TryGetValue<bool>(out var isCa) && isCa))
                yield return Nodes.Error(clusterIssuer, ".spec.ca.secretName",
                    $"signs with Secret {secret}, which no CA Certificate (isCA: true) of manifests/ writes in {resourceNamespace}, the namespace " +
                    "cert-manager reads a ClusterIssuer's Secret from");
    }

    // Gateway API's allowedRoutes.namespaces.from: Same (the default), All, or Selector on the namespace's labels.
    private static bool Admits(JsonNode? listener, ManifestObject gateway, ManifestObject route, Dictionary<string, ManifestObject> namespaces)
    {
        var allowed = listener?["allowedRoutes"]?["namespaces"];
        return (Nodes.Text(allowed?["from"]) ?? "Same") switch
        {
            "All" => true,
            "Selector" => allowed?["selector"]?["matchLabels"] is JsonObject labels
                          && GatewayAttachmentCheck.Carries(namespaces.GetValueOrDefault(route.Namespace ?? ""), labels),
            _ => route.Namespace == gateway.Namespace,
        };
    }

    /// <summary>
    /// AIGatewayRoutes targeting the Gateway: the AI Gateway controller turns each into an HTTPRoute of the same namespace whose
    /// parentRefs carry the Gateway's name and namespace and no sectionName (envoyproxy/ai-gateway@v0.2.1
    /// internal/controller/ai_gateway_route.go), so it attaches to every listener that admits that namespace.
    /// </summary>
    private static IEnumerable<ManifestObject> AiRoutesOn(IReadOnlyList<ManifestObject> objects, ManifestObject gateway) =>
        objects.Where(o => o.Kind == "AIGatewayRoute" && o.Namespace == gateway.Namespace
                           && Nodes.Items(o.Body["spec"]?["targetRefs"]).Any(t => Nodes.Text(t?["name"]) == gateway.Name));

    private static bool HasBackend(ManifestObject route) =>
        Nodes.Items(route.Body["spec"]?["rules"]).Any(rule => Nodes.Items(rule?["backendRefs"]).Any());
}
