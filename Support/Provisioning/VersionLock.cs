using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace InferenceBox.Specs.Support.Provisioning;

/// <summary>manifests/versions.yaml: the single source of truth for every version the platform uses.</summary>
public sealed class VersionLock
{
    public VersionEntry Kubernetes { get; set; } = new();
    public KindEntry Kind { get; set; } = new();
    public Dictionary<string, ChartEntry> Charts { get; set; } = [];
    public Dictionary<string, ReleaseEntry> Releases { get; set; } = [];
    public Dictionary<string, string> Images { get; set; } = [];
    public Dictionary<string, ToolEntry> Tools { get; set; } = [];

    public sealed class VersionEntry { public string Version { get; set; } = ""; }
    public sealed class KindEntry { public string Version { get; set; } = ""; public string NodeImage { get; set; } = ""; }
    public sealed class ChartEntry
    {
        public string Chart { get; set; } = ""; public string Repo { get; set; } = "";
        public string Version { get; set; } = ""; public string Namespace { get; set; } = "";
    }
    public sealed class ReleaseEntry { public string Version { get; set; } = ""; public List<string> Urls { get; set; } = []; }
    public sealed class ToolEntry
    {
        public string Version { get; set; } = ""; public string Url { get; set; } = "";
        public Dictionary<string, string> Sha256 { get; set; } = [];
    }

    public static VersionLock Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The version lock {path} is missing; it must list every pinned version (see manifests/README).", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static VersionLock Parse(string yaml, string source)
    {
        try
        {
            return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance)
                .IgnoreUnmatchedProperties().Build().Deserialize<VersionLock?>(yaml) ?? new VersionLock();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{source} line {e.Start.Line}: {e.Message}. Fix the version lock.", e);
        }
    }

    /// <summary>The chart entry for a release, under its own name or one of its aliases.</summary>
    public (string Release, ChartEntry Entry) Chart(params string[] names)
    {
        foreach (var name in names)
            if (Charts.TryGetValue(name, out var entry)) return (name, entry);
        throw new InvalidDataException($"manifests/versions.yaml has no charts.{names[0]} entry " +
            $"(also tried: {string.Join(", ", names.Skip(1))}); add it with chart, repo, version and namespace.");
    }

    public ReleaseEntry Release(string name) => Releases.TryGetValue(name, out var entry)
        ? entry
        : throw new InvalidDataException($"manifests/versions.yaml has no releases.{name} entry; add it with version and urls.");
}
