using System.Reflection;
using Reqnroll.Configuration;

namespace InferenceBox.ReqnrollXunit;

/// <summary>
/// What the bridge is told: Reqnroll's own configuration (reqnroll.json beside the test assembly, read by Reqnroll's
/// own loader: reqnroll/Reqnroll@v3.3.3:Reqnroll/Configuration/ConfigurationLoader.cs) and what the project's props file
/// wrote into the test assembly (its folder, root namespace and dry-run variable).
/// </summary>
public sealed class BridgeSettings
{
    public const string DefaultDryRunVariable = "REQNROLL_XUNIT_DRY_RUN";

    private BridgeSettings(Assembly testAssembly)
    {
        string? Metadata(string key) => testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ReqnrollXunit." + key)?.Value;
        ProjectDirectory = Metadata("ProjectDirectory");
        RootNamespace = Metadata("RootNamespace") is { Length: > 0 } ns ? ns : testAssembly.GetName().Name ?? "Reqnroll.GeneratedTests";
        DryRunVariable = Metadata("DryRunVariable") is { Length: > 0 } v ? v : DefaultDryRunVariable;
        DryRunWhen = ParseConditions(Metadata("DryRunWhen"));
        Reqnroll = new ConfigurationLoader(new ReqnrollJsonLocator()).Load(ConfigurationLoader.GetDefault());
    }

    private static readonly Dictionary<Assembly, BridgeSettings> Cache = new();

    public static BridgeSettings For(Assembly testAssembly)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(testAssembly, out var settings)) Cache[testAssembly] = settings = new BridgeSettings(testAssembly);
            return settings;
        }
    }

    public ReqnrollConfiguration Reqnroll { get; }

    /// <summary>The test project's folder at build time: where the feature files are, for IDE navigation.</summary>
    public string? ProjectDirectory { get; }

    public string RootNamespace { get; }

    public string DryRunVariable { get; }

    /// <summary>Other settings that ask for a dry run too (ReqnrollXunitDryRunWhen: "VARIABLE=value;..."), e.g. a mode whose
    /// scenarios run bound only.</summary>
    public IReadOnlyList<(string Variable, string Value)> DryRunWhen { get; }

    /// <summary>True when the dry-run variable says "true" (any case), or a <see cref="DryRunWhen"/> variable has its value
    /// (trimmed, any case); anything else is a real run.</summary>
    public bool DryRun => AsksForDryRun(DryRunVariable, DryRunWhen, Environment.GetEnvironmentVariable);

    internal static bool AsksForDryRun(string dryRunVariable, IReadOnlyList<(string Variable, string Value)> when, Func<string, string?> variable) =>
        bool.TryParse(variable(dryRunVariable), out var dry) && dry
        || when.Any(c => string.Equals(variable(c.Variable)?.Trim(), c.Value, StringComparison.OrdinalIgnoreCase));

    internal static IReadOnlyList<(string Variable, string Value)> ParseConditions(string? conditions) =>
        (conditions ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split('=', 2, StringSplitOptions.TrimEntries))
            .Select(p => p.Length == 2 && p[0].Length > 0 ? (p[0], p[1])
                : throw new InvalidOperationException($"ReqnrollXunitDryRunWhen: \"{string.Join('=', p)}\" is not VARIABLE=value."))
            .ToList();

    /// <summary>generator.addNonParallelizableMarkerForTags, matched as Reqnroll's TagFilterMatcher does: without '@', any case.</summary>
    public bool IsNonParallelizable(IEnumerable<string> tags) =>
        (Reqnroll.AddNonParallelizableMarkerForTags ?? []).Any(marker =>
            tags.Any(t => string.Equals(t, marker.TrimStart('@'), StringComparison.InvariantCultureIgnoreCase)));
}
