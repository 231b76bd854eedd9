using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>Server-side applies our object manifests (folders under manifests/), then waits for its requirements.</summary>
public class ManifestPhase(ProvisionContext context, string name, string[] folders, int estimateSeconds,
    IReadOnlyList<Readiness> requirements, string[] dependsOn, string budget = WaitBudgets.Names.DeploymentAvailable)
    : PlatformPhase(context, name, budget, estimateSeconds, dependsOn)
{
    public override IReadOnlyList<Readiness> Requirements => requirements;

    /// <summary>The objects this phase applies; read at use, so an edited manifest is picked up.</summary>
    protected virtual IReadOnlyList<ManifestObject> Objects() =>
        folders.SelectMany(f => ManifestLoader.Folder(Context.ManifestsDir, f.Replace('\\', '/'))).ToList();

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct)
    {
        foreach (var o in Objects())
            if (!await Context.Cluster.ExistsAsync(o, ct)) return false;
        return true;
    }

    protected override Task InstallAsync(CancellationToken ct) => ApplyAsync(Objects(), ct);
}
