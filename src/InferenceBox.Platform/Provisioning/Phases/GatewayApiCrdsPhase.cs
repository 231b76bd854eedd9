using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The Gateway API CRDs, taken from the Envoy Gateway chart's verified archive (the channel EG was built
/// against), applied server-side on their own so EG, Istio and KServe all find them before they start.
/// </summary>
public sealed class GatewayApiCrdsPhase(ProvisionContext context, string[] envoyGatewayReleases, params string[] dependsOn)
    : PlatformPhase(context, "gateway-api-crds", WaitBudgets.Names.CrdEstablished, 10, dependsOn)
{
    public override IReadOnlyList<Readiness> Requirements { get; } =
        new[] { "gatewayclasses", "gateways", "httproutes", "referencegrants" }
            .Select(r => new CrdEstablished($"{r}.gateway.networking.k8s.io")).ToList();

    protected override async Task InstallAsync(CancellationToken ct)
    {
        var archive = await Context.VerifiedChartAsync(Context.Lock.Chart(envoyGatewayReleases).Release, ct);
        var crds = await Context.Tools.RunCheckedAsync("helm", ["show", "crds", archive], Context.Budgets.HelmRelease, ct);
        var objects = ManifestLoader.Parse(crds.StandardOutput, $"helm show crds {Path.GetFileName(archive)}")
            .Where(o => o.Kind == "CustomResourceDefinition" && o.Name!.EndsWith(".gateway.networking.k8s.io", StringComparison.Ordinal))
            .ToList();
        await ApplyAsync(objects, ct);
    }
}
