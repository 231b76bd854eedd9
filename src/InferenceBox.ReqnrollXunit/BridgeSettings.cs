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

    /// <summary>True when the dry-run variable says "true" (any case); anything else is a real run.</summary>
    public bool DryRun => bool.TryParse(Environment.GetEnvironmentVariable(DryRunVariable), out var dry) && dry;

    /// <summary>generator.addNonParallelizableMarkerForTags, matched as Reqnroll's TagFilterMatcher does: without '@', any case.</summary>
    public bool IsNonParallelizable(IEnumerable<string> tags) =>
        (Reqnroll.AddNonParallelizableMarkerForTags ?? []).Any(marker =>
            tags.Any(t => string.Equals(t, marker.TrimStart('@'), StringComparison.InvariantCultureIgnoreCase)));
}
