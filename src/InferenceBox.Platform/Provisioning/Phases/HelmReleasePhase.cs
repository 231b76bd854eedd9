using System.Text.Json;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// <c>helm upgrade --install</c> of one chart, from its archive verified against the lock, with manifests/values/&lt;release&gt;.yaml.
/// No <c>--wait</c> (it never succeeds for a LoadBalancer Service on Kind); the requirements are waited on instead.
/// </summary>
/// <remarks>The lock key names the values file; the helm release is the same name unless <paramref name="helmRelease"/> says otherwise.</remarks>
public class HelmReleasePhase(ProvisionContext context, string name, string[] releaseNames, int estimateSeconds,
    Func<string, string, string, IReadOnlyList<Readiness>> requirements, string? helmRelease = null, params string[] dependsOn)
    : PlatformPhase(context, name, WaitBudgets.Names.HelmRelease, estimateSeconds, dependsOn)
{
    private (string Key, VersionLock.ChartEntry Entry) Locked => Context.Lock.Chart(releaseNames);
    private (string Release, VersionLock.ChartEntry Entry) Chart => (helmRelease ?? Locked.Key, Locked.Entry);

    public override IReadOnlyList<Readiness> Requirements =>
        requirements(Chart.Release, Chart.Entry.Namespace, PlatformPhase.NormalizeVersion(Chart.Entry.Version));

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct)
    {
        var (release, entry) = Chart;
        var listed = await Context.Tools.RunAsync("helm", ["list", "-n", entry.Namespace, "--filter", $"^{release}$", "-o", "json"],
            Context.Budgets.ApiCall, ct);
        if (!listed.Succeeded) return false;
        using var json = JsonDocument.Parse(listed.StandardOutput is { Length: > 0 } s ? s : "[]");
        var deployed = json.RootElement.EnumerateArray().Any(r =>
            r.GetProperty("status").GetString() == "deployed"
            && r.GetProperty("chart").GetString()?.EndsWith("-" + entry.Version, StringComparison.Ordinal) == true);
        foreach (var o in OwnObjects())
            if (!deployed || !await Context.Cluster.ExistsAsync(o, ct)) return false;
        return deployed;
    }

    protected override async Task InstallAsync(CancellationToken ct)
    {
        var (release, entry) = Chart;
        var archive = await Context.VerifiedChartAsync(Locked.Key, ct);
        await Context.Tools.RunCheckedAsync("helm", UpgradeInstallArguments(release, archive, entry, Context.Manifests("values", Locked.Key + ".yaml")),
            Context.Budgets.HelmRelease, ct);
        if (OwnObjects() is { Count: > 0 } own) await ApplyAsync(own, ct);
    }

    /// <summary>Our objects for this component (manifests/platform/&lt;phase&gt;), applied after its chart.</summary>
    private IReadOnlyList<ManifestObject> OwnObjects() => ManifestLoader.Folder(Context.ManifestsDir, $"platform/{Name}");

    /// <summary>
    /// Installs from the verified archive: helm takes an existing path as the chart and looks nothing up, so no
    /// <c>--version</c> (helm/helm@v3.18.4 pkg/action/install.go LocateChart returns a local path before reading it).
    /// </summary>
    public static IReadOnlyList<string> UpgradeInstallArguments(string release, string archive, VersionLock.ChartEntry entry, string valuesFile)
    {
        var arguments = new List<string> { "upgrade", "--install", release, archive, "-n", entry.Namespace, "--create-namespace" };
        if (File.Exists(valuesFile)) arguments.AddRange(["-f", valuesFile]);
        return arguments;
    }

    /// <summary>An OCI chart is addressed by its full reference; an https repo by <c>--repo URL chart</c> (for <c>helm pull</c>).</summary>
    public static IReadOnlyList<string> ChartReference(VersionLock.ChartEntry entry) =>
        entry.Repo.StartsWith("oci://", StringComparison.Ordinal)
            ? [entry.Repo.TrimEnd('/').EndsWith("/" + entry.Chart, StringComparison.Ordinal) ? entry.Repo : $"{entry.Repo.TrimEnd('/')}/{entry.Chart}"]
            : [entry.Chart.Contains('/') ? entry.Chart.Split('/')[^1] : entry.Chart, "--repo", entry.Repo];
}
