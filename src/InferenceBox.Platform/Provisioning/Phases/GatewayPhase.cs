using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// manifests/gateway: the Gateways, routes and policies. Done when every Gateway is Programmed for its generation
/// and Envoy Gateway's proxy Deployment for it is rolled out and Available, so the first scenario's request meets a
/// running proxy instead of spending its budget on an image pull.
/// </summary>
public sealed class GatewayPhase(ProvisionContext context, string[] envoyGatewayReleases, params string[] dependsOn)
    : ManifestPhase(context, "gateway", ["gateway"], 20, [], dependsOn)
{
    public override IReadOnlyList<Readiness> Requirements
    {
        get
        {
            var controllerNamespace = Context.Lock.Chart(envoyGatewayReleases).Entry.Namespace;
            return Objects().Where(o => o is { Group: "gateway.networking.k8s.io", Kind: "Gateway" })
                .SelectMany(g => new Readiness[]
                {
                    new GatewayProgrammed(g.Namespace ?? "default", g.Name!),
                    new GatewayProxyAvailable(controllerNamespace, g.Namespace ?? "default", g.Name!),
                }).ToList();
        }
    }
}
