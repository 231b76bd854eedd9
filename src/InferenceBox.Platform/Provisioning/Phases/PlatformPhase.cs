using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Graph;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// A phase that installs something and then waits for its <see cref="Requirements"/>. Satisfied when every
/// requirement is already ready (and <see cref="IsInstalledAsync"/> agrees). Attach mode checks the same requirements.
/// </summary>
public abstract class PlatformPhase(ProvisionContext context, string name, string budget, int estimateSeconds, params string[] dependsOn) : IPhase
{
    protected ProvisionContext Context { get; } = context;
    public string Name { get; } = name;
    public IReadOnlyList<string> DependsOn { get; } = dependsOn;
    public string Budget { get; } = budget;
    public TimeSpan Estimate { get; } = TimeSpan.FromSeconds(estimateSeconds);

    /// <summary>What must be true once this phase is done (Deployments, CRDs, webhooks, InferenceServices).</summary>
    public abstract IReadOnlyList<Readiness> Requirements { get; }

    public async Task<bool> IsSatisfiedAsync(CancellationToken ct)
    {
        foreach (var requirement in Requirements)
            if (!(await Context.Cluster.ProbeAsync(requirement, ct)).Done) return false;
        return await IsInstalledAsync(ct);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await InstallAsync(ct);
        foreach (var requirement in Requirements)
            await Context.Cluster.WaitAsync(requirement, requirement.BudgetName, Context.Budgets[requirement.BudgetName], ct);
    }

    /// <summary>Extra live checks beyond the requirements (a helm release at the locked version, objects present).</summary>
    protected virtual Task<bool> IsInstalledAsync(CancellationToken ct) => Task.FromResult(true);

    protected abstract Task InstallAsync(CancellationToken ct);

    /// <summary>Applies through the cluster port (in the order the API server needs) and reports each object applied.</summary>
    protected async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        await Context.Cluster.ApplyAsync(objects, ct);
        foreach (var o in objects)
            Context.Progress?.Report(new ProgressEvent(ProgressKind.Info, Name, $"applied {o.Identity} ({o.Where})"));
    }

    /// <summary>"v1.18.1", "knative-v1.18.1" and "1.18.1" all mean 1.18.1.</summary>
    public static string NormalizeVersion(string version) => version.Replace("knative-", "").TrimStart('v');
}
