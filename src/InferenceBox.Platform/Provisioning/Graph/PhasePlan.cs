namespace InferenceBox.Platform.Provisioning.Graph;

/// <summary>
/// A validated phase graph: every dependency exists, there is no cycle. Gives the topological waves
/// (phases of a wave can run together) and the critical path of a cold run.
/// </summary>
public sealed class PhasePlan
{
    private readonly Dictionary<string, IPhase> _byName;

    public PhasePlan(IEnumerable<IPhase> phases)
    {
        Phases = phases.ToList();
        var duplicate = Phases.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Phase '{duplicate.Key}' is declared twice.");
        _byName = Phases.ToDictionary(p => p.Name);
        foreach (var phase in Phases)
            foreach (var dependency in phase.DependsOn.Where(d => !_byName.ContainsKey(d)))
                throw new InvalidOperationException($"Phase '{phase.Name}' depends on unknown phase '{dependency}'.");
        Waves = BuildWaves();
    }

    public IReadOnlyList<IPhase> Phases { get; }
    public IReadOnlyList<IReadOnlyList<IPhase>> Waves { get; }
    public IPhase this[string name] => _byName[name];

    public TimeSpan SerialSum => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Estimate);

    /// <summary>The longest chain of dependent phases by estimate: the floor of a cold run's duration.</summary>
    public (IReadOnlyList<IPhase> Chain, TimeSpan Length) CriticalPath()
    {
        var best = new Dictionary<string, (TimeSpan Finish, string? Via)>();
        foreach (var phase in Waves.SelectMany(w => w))
        {
            var via = phase.DependsOn.OrderByDescending(d => best[d].Finish).FirstOrDefault();
            var start = via is null ? TimeSpan.Zero : best[via].Finish;
            best[phase.Name] = (start + phase.Estimate, via);
        }
        if (best.Count == 0) return ([], TimeSpan.Zero);
        var last = best.MaxBy(kv => kv.Value.Finish);
        var chain = new List<IPhase>();
        for (string? name = last.Key; name is not null; name = best[name].Via) chain.Add(_byName[name]);
        chain.Reverse();
        return (chain, last.Value.Finish);
    }

    private List<IReadOnlyList<IPhase>> BuildWaves()
    {
        var waves = new List<IReadOnlyList<IPhase>>();
        var placed = new HashSet<string>();
        while (placed.Count < Phases.Count)
        {
            var wave = Phases.Where(p => !placed.Contains(p.Name) && p.DependsOn.All(placed.Contains)).ToList();
            if (wave.Count == 0)
                throw new InvalidOperationException("The phase graph has a cycle among: " +
                    string.Join(", ", Phases.Where(p => !placed.Contains(p.Name)).Select(p => p.Name)));
            waves.Add(wave);
            placed.UnionWith(wave.Select(p => p.Name));
        }
        return waves;
    }
}
