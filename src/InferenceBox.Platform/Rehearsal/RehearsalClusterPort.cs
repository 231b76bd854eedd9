using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// The real adapter (<see cref="ClusterApi"/>) as the phases use it, plus two things only a rehearsal can know. It
/// remembers where every applied object comes from (<see cref="RehearsalLedger"/>), so a refusal names the file and
/// line. And it knows when a readiness wait can never end: the emulator runs no timer of its own, so once its
/// controllers have settled and nothing was written meanwhile, an unmet condition stays unmet; the real wait is then
/// ended at once with what it last saw instead of running out its budget (minutes per phase).
/// </summary>
public sealed class RehearsalClusterPort(ClusterApi api, ApiServerEmulator emulator, RehearsalLedger ledger) : ClusterPortDecorator
{
    protected override IClusterPort Inner => api;

    public override async Task ApplyAsync(IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        ledger.Applying(objects);
        try { await api.ApplyAsync(objects, ct); }
        catch (ApplyFailedException e)
        {
            throw ledger.Refused(e, emulator);
        }
    }

    public override async Task WaitAsync(Readiness readiness, string budgetName, TimeSpan budget, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var wait = api.WaitAsync(readiness, budgetName, budget, stop.Token);
        var stuck = StuckAsync(readiness, stop.Token);
        if (await Task.WhenAny(wait, stuck) == stuck && await stuck is { } lastSeen)
        {
            await stop.CancelAsync();
            try { await wait; }
            catch (OperationCanceledException) { }
            throw await ledger.NeverReadyAsync(readiness, lastSeen, api, emulator, ct);
        }
        // The real wait ended, or will: the condition holds and it sees that for itself, within its budget.
        try { await wait; }
        finally
        {
            await stop.CancelAsync();
            await stuck;
        }
    }

    /// <summary>
    /// What the condition last showed once the emulator had settled with no write during the look (it cannot change
    /// any more); null as soon as the condition holds. Looks again after every round of changes, never on a timer.
    /// </summary>
    private async Task<ReadinessState?> StuckAsync(Readiness readiness, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await emulator.SettledAsync(ct);
                var before = emulator.Store.Revision;
                var state = await api.ProbeAsync(readiness, ct);
                if (state.Done) return null;
                await emulator.SettledAsync(ct);
                if (emulator.Store.Revision == before) return state;
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            return null; // the real wait ended first
        }
    }
}
