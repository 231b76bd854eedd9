using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// Attach mode: installs nothing, checks every requirement of every phase is there (Deployments Available in their
/// namespaces, CRDs established, webhooks served, models Ready) at the locked versions, and lists all that is missing.
/// </summary>
public static class AttachCheck
{
    public static async Task<IReadOnlyList<string>> MissingAsync(IEnumerable<PlatformPhase> phases, IClusterPort cluster, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var phase in phases)
            missing.AddRange((await ProblemsAsync(phase, cluster, ct)).Select(problem => $"{phase.Name}: {problem}"));
        return missing;
    }

    /// <summary>What one phase's requirements lack on the live cluster; empty when the phase is healthy (`inferencebox status`).</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(PlatformPhase phase, IClusterPort cluster, CancellationToken ct)
    {
        IReadOnlyList<Readiness> requirements;
        try { requirements = phase.Requirements; }
        catch (InvalidDataException e) { return [e.Message]; }
        var problems = new List<string>();
        foreach (var requirement in requirements)
        {
            var state = await cluster.ProbeAsync(requirement, ct);
            if (!state.Done)
                problems.Add($"{requirement.Describe} — found: {state.State}");
            else if (requirement is DeploymentAvailable { ExpectedVersion: { } expected }
                     && !(state.Version ?? "").Contains(expected, StringComparison.Ordinal))
                problems.Add($"{requirement.Describe} — running {state.Version ?? "an unknown version"}, the lock pins {expected}");
        }
        return problems;
    }
}
