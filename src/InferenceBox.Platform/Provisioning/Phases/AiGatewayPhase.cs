using System.Security.Cryptography;
using System.Text;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// Envoy AI Gateway: its CRD chart, then its controller chart. Our Envoy Gateway values already carry the AI
/// Gateway's config (extension manager, Backend API), but EG reads that ConfigMap only at start, so EG is
/// restarted, and only when the config it runs with differs from the ConfigMap (tracked by a hash annotation).
/// </summary>
public sealed class AiGatewayPhase(ProvisionContext context, string[] crdReleaseNames, string[] releaseNames,
    string[] envoyGatewayReleases, params string[] dependsOn)
    : PlatformPhase(context, "ai-gateway", WaitBudgets.Names.HelmRelease, 45, dependsOn)
{
    public const string ConfigHashAnnotation = "inferencebox.dev/envoy-gateway-config-hash";
    private const string EnvoyGatewayConfigMap = "envoy-gateway-config", EnvoyGatewayConfigKey = "envoy-gateway.yaml";
    private const string EnvoyGatewayDeployment = "envoy-gateway";

    public const string RbacRelease = "ai-gateway-envoy-gateway-rbac";
    private readonly HelmReleasePhase _crds = new(context, "ai-gateway-crds", crdReleaseNames, 0, (_, _, _) => PlatformPhases.Crds(
        "aigatewayroutes.aigateway.envoyproxy.io", "aiservicebackends.aigateway.envoyproxy.io", "backendsecuritypolicies.aigateway.envoyproxy.io"));
    private readonly HelmReleasePhase _controller = new(context, "ai-gateway-controller", releaseNames, 0,
        (_, ns, version) => [new DeploymentAvailable(ns, "ai-gateway-controller", version)]);

    private string EnvoyGatewayNamespace => Context.Lock.Chart(envoyGatewayReleases).Entry.Namespace;

    public override IReadOnlyList<Readiness> Requirements =>
        [.. _crds.Requirements, .. _controller.Requirements, new DeploymentAvailable(EnvoyGatewayNamespace, EnvoyGatewayDeployment)];

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct) =>
        await _crds.IsSatisfiedAsync(ct) && await _controller.IsSatisfiedAsync(ct)
        && await Context.Cluster.ReadPodTemplateAnnotationAsync(EnvoyGatewayNamespace, EnvoyGatewayDeployment, ConfigHashAnnotation, ct) == await ConfigHashAsync(ct);

    protected override async Task InstallAsync(CancellationToken ct)
    {
        await _crds.RunAsync(ct);
        await _controller.RunAsync(ct);
        // Lets Envoy Gateway read the AI Gateway's objects (its config.yaml is merged into our EG values instead).
        if (Context.Lock.Releases.ContainsKey(RbacRelease)) await ReleaseUrlsPhase.ApplyReleaseAsync(Context, RbacRelease, ct);
        var hash = await ConfigHashAsync(ct);
        if (await Context.Cluster.ReadPodTemplateAnnotationAsync(EnvoyGatewayNamespace, EnvoyGatewayDeployment, ConfigHashAnnotation, ct) != hash)
            await Context.Cluster.SetPodTemplateAnnotationAsync(EnvoyGatewayNamespace, EnvoyGatewayDeployment, ConfigHashAnnotation, hash, ct);
    }

    private async Task<string> ConfigHashAsync(CancellationToken ct)
    {
        var config = await Context.Cluster.ReadConfigMapValueAsync(EnvoyGatewayNamespace, EnvoyGatewayConfigMap, EnvoyGatewayConfigKey, ct) ?? "";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config)))[..16];
    }
}
