using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// Plain-YAML releases (Knative Serving, net-istio): the lock's releases in order, then our own manifests for
/// the component. Our Namespaces go first, so labels such as istio-injection are there when upstream pods start;
/// after the first (CRD) release, <paramref name="afterFirst"/> is waited on so later releases find their kinds.
/// Each URL is downloaded and its SHA-256 checked against the lock first; kubectl applies the verified local copy
/// server-side (the CRDs are too large for client-side) under a field manager of its own.
/// </summary>
public sealed class ReleaseUrlsPhase(ProvisionContext context, string name, string[] releaseNames, string? ownFolder,
    int estimateSeconds, Func<string, IReadOnlyList<Readiness>> requirements, IReadOnlyList<Readiness> afterFirst,
    params string[] dependsOn)
    : ManifestPhase(context, name, ownFolder is null ? [] : [ownFolder], estimateSeconds, [], dependsOn)
{
    public const string UpstreamFieldManager = Cluster.ClusterApi.FieldManager + "-upstream";

    // What it waits for after the first release file (its CRDs) stays true once the phase is done: part of its requirements.
    public override IReadOnlyList<Readiness> Requirements =>
        [.. afterFirst, .. requirements(NormalizeVersion(Context.Lock.Release(releaseNames[^1]).Version))];

    public static IReadOnlyList<string> ApplyFileArguments(string file) =>
        ["apply", "--server-side", "--force-conflicts", "--field-manager", UpstreamFieldManager, "-f", file];

    /// <summary>Downloads, verifies and applies every URL of the lock's release <paramref name="key"/>.</summary>
    public static async Task ApplyReleaseAsync(ProvisionContext context, string key, CancellationToken ct)
    {
        foreach (var url in context.Lock.Release(key).Urls)
            await context.Tools.RunCheckedAsync("kubectl", ApplyFileArguments(await context.VerifiedReleaseFileAsync(key, url, ct)),
                context.Budgets.HelmRelease, ct);
    }

    protected override async Task InstallAsync(CancellationToken ct)
    {
        var own = Objects();
        for (var i = 0; i < releaseNames.Length; i++)
        {
            await ApplyReleaseAsync(Context, releaseNames[i], ct);
            if (i > 0) continue;
            foreach (var readiness in afterFirst)
                await Context.Cluster.WaitAsync(readiness, readiness.BudgetName, Context.Budgets[readiness.BudgetName], ct);
            if (own.Where(o => o.Kind == "Namespace").ToList() is { Count: > 0 } namespaces)
                await ApplyAsync(namespaces, ct);
        }
        await ApplyAsync(own, ct);
    }
}
