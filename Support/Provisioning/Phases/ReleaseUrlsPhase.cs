using InferenceBox.Specs.Support.Provisioning.Ports;
using InferenceBox.Specs.Support.Waiting;

namespace InferenceBox.Specs.Support.Provisioning.Phases;

/// <summary>
/// A plain-YAML release (Knative Serving, net-istio): the lock's release URLs in order, then our own
/// manifests for that component. kubectl applies the URLs server-side (the CRDs are too large for client-side).
/// </summary>
public sealed class ReleaseUrlsPhase(ProvisionContext context, string name, string[] releaseNames, string? ownFolder,
    int estimateSeconds, Func<string, IReadOnlyList<Readiness>> requirements, params string[] dependsOn)
    : ManifestPhase(context, name, ownFolder is null ? [] : [ownFolder], estimateSeconds, [], dependsOn)
{
    private string ReleaseName => releaseNames.FirstOrDefault(Context.Lock.Releases.ContainsKey) ?? releaseNames[0];

    public override IReadOnlyList<Readiness> Requirements =>
        requirements(NormalizeVersion(Context.Lock.Release(ReleaseName).Version));

    protected override async Task InstallAsync(CancellationToken ct)
    {
        foreach (var url in Context.Lock.Release(ReleaseName).Urls)
            await Context.Tools.RunCheckedAsync("kubectl",
                ["apply", "--server-side", "--force-conflicts", "--field-manager", KubernetesClusterPort.FieldManager, "-f", url],
                Context.Budgets[WaitBudgets.Names.HelmRelease], ct);
        await base.InstallAsync(ct);
    }
}
