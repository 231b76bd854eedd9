using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// Creates Kind cluster inference-in-a-box from manifests/kind/cluster.yaml (its model-weights binds pointed at the host
/// cache, <see cref="KindConfig"/>), or reuses it. After the weights phase: the binds need their files in place.
/// </summary>
public sealed class ClusterPhase(ProvisionContext context)
    : PlatformPhase(context, "cluster", WaitBudgets.Names.ClusterCreate, 60, WeightsPhase.PhaseName)
{
    public override IReadOnlyList<Readiness> Requirements => [];

    protected override async Task<bool> IsInstalledAsync(CancellationToken ct) =>
        await ExistsAsync(Context.Tools, Context.Budgets, ct);

    public static async Task<bool> ExistsAsync(IToolRunner tools, WaitBudgets budgets, CancellationToken ct)
    {
        var clusters = await tools.RunAsync("kind", ["get", "clusters"], budgets.ApiCall, ct);
        return clusters.Succeeded && clusters.StandardOutput.Split('\n', StringSplitOptions.TrimEntries)
            .Contains(InferenceBoxSettings.ClusterName);
    }

    protected override Task InstallAsync(CancellationToken ct)
    {
        var arguments = new List<string> { "create", "cluster", "--name", InferenceBoxSettings.ClusterName,
            "--config", KindConfig.Prepare(Context), "--wait", "0s" };
        if (Context.Lock.Kind.NodeImage is { Length: > 0 } image) arguments.AddRange(["--image", image]);
        return Context.Tools.RunCheckedAsync("kind", arguments, Context.Budgets.ClusterCreate, ct);
    }
}
