using InferenceBox.Specs.Support.Provisioning.Phases;
using InferenceBox.Specs.Support.Provisioning.Ports;

namespace InferenceBox.Specs.Support.Provisioning;

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
        {
            IReadOnlyList<Readiness> requirements;
            try { requirements = phase.Requirements; }
            catch (InvalidDataException e) { missing.Add($"{phase.Name}: {e.Message}"); continue; }
            foreach (var requirement in requirements)
            {
                var state = await cluster.ProbeAsync(requirement, ct);
                if (!state.Ready)
                    missing.Add($"{phase.Name}: {requirement.Describe} — found: {state.Detail}");
                else if (requirement is DeploymentAvailable { ExpectedVersion: { } expected }
                         && !(state.Version ?? "").Contains(expected, StringComparison.Ordinal))
                    missing.Add($"{phase.Name}: {requirement.Describe} — running {state.Version ?? "an unknown version"}, the lock pins {expected}");
            }
        }
        return missing;
    }
}
