using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Isolation;

/// <summary>
/// What the current scenario created in the cluster. Drivers name new objects through <see cref="UniqueName"/>,
/// label them with <see cref="Labels"/> (the run id and the suite's marker, so a later run can sweep leftovers) and <see cref="Track"/>
/// them; the scenario hook deletes them all after the scenario and waits until they are gone.
/// </summary>
public sealed partial class ScenarioResources(RunContext run, ScenarioIdentity scenario)
{
    private readonly ConcurrentStack<ObjectRef> _created = new();
    private int _counter;

    public ScenarioIdentity Scenario { get; } = scenario;

    /// <summary>Newest first: the order to delete in.</summary>
    public IReadOnlyList<ObjectRef> Created => [.. _created];

    public IReadOnlyDictionary<string, string> Labels { get; } = new Dictionary<string, string>
    {
        [RunContext.RunIdLabel] = RunContext.LabelValue(run.RunId),
        [RunContext.ManagedByLabel] = RunContext.ManagedBy,
        ["inferencebox.dev/scenario"] = scenario.Hash,
    };

    /// <summary>"&lt;prefix&gt;-&lt;run id&gt;-&lt;scenario hash&gt;-&lt;n&gt;", a valid DNS label of at most 40 characters.</summary>
    public string UniqueName(string prefix)
    {
        var n = Interlocked.Increment(ref _counter);
        var runPart = NotDns().Replace(run.RunId.ToLowerInvariant(), "");
        runPart = runPart.Length > 8 ? runPart[^8..] : runPart;
        var cleanPrefix = NotDns().Replace(prefix.ToLowerInvariant(), "");
        cleanPrefix = cleanPrefix.Length > 12 ? cleanPrefix[..12] : cleanPrefix;
        return $"{cleanPrefix}-{runPart}-{Scenario.Hash}-{n}".Replace("--", "-").Trim('-');
    }

    public void Track(ObjectRef obj) => _created.Push(obj);


    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotDns();
}
