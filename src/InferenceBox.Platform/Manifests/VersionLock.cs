using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace InferenceBox.Platform.Manifests;

/// <summary>
/// manifests/versions.yaml, the single source of truth for every version the platform uses, read by one reader for
/// the provisioner and the validator. Unknown keys are refused with their line: a misspelt key would otherwise
/// drop a pin without a word.
/// </summary>
public sealed partial class VersionLock
{
    public const string FileName = ManifestFiles.VersionLockFile;

    public VersionEntry Kubernetes { get; set; } = new();
    public KindEntry Kind { get; set; } = new();
    public Dictionary<string, ChartEntry> Charts { get; set; } = [];
    public Dictionary<string, ReleaseEntry> Releases { get; set; } = [];
    /// <summary>Pulled images: repository -> "tag@sha256:…" (or the digest alone), a tag only if <see cref="Unpinned"/> says why.</summary>
    public Dictionary<string, string> Images { get; set; } = [];

    /// <summary>Images built on this machine and loaded into Kind, never pulled: repository -> tag.</summary>
    public Dictionary<string, string> LocalImages { get; set; } = [];

    public Dictionary<string, ToolEntry> Tools { get; set; } = [];
    public Dictionary<string, WeightsEntry> Weights { get; set; } = [];

    /// <summary>The known gaps: pins no public source gave offline, each with the reason (docs/supply-chain.md).</summary>
    public UnpinnedEntry Unpinned { get; set; } = new();

    public sealed class VersionEntry { public string Version { get; set; } = ""; }
    public sealed class KindEntry { public string Version { get; set; } = ""; public string NodeImage { get; set; } = ""; }
    public sealed class ChartEntry
    {
        public string Chart { get; set; } = ""; public string Repo { get; set; } = "";
        public string Version { get; set; } = ""; public string Namespace { get; set; } = "";
        /// <summary>SHA-256 of the chart archive (.tgz) that <c>helm pull</c> writes; for an OCI chart, its content layer.</summary>
        public string Sha256 { get; set; } = "";
    }
    public sealed class ReleaseEntry
    {
        public string Version { get; set; } = ""; public List<string> Urls { get; set; } = [];
        /// <summary>SHA-256 of each URL's bytes, keyed by the URL's file name (the last path segment).</summary>
        public Dictionary<string, string> Sha256 { get; set; } = [];
    }
    /// <summary>Per kind of pin, the entries left without a digest or checksum and why (key -> reason).</summary>
    public sealed class UnpinnedEntry
    {
        public Dictionary<string, string> Images { get; set; } = [];
        public Dictionary<string, string> Charts { get; set; } = [];
        public Dictionary<string, string> Releases { get; set; } = [];
    }
    /// <summary>One model file downloaded into the host cache and bound into the node (see src/InferenceBox.Platform/Models/ModelWeights.cs).</summary>
    public sealed class WeightsEntry
    {
        public string File { get; set; } = ""; public string Url { get; set; } = "";
        public long Size { get; set; } public string Sha256 { get; set; } = "";
    }
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
            return new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
                .Deserialize<VersionLock?>(yaml) ?? new VersionLock();
        }
        catch (YamlException e) when (UnknownProperty().Match(e.Message) is { Success: true } unknown)
        {
            var type = typeof(VersionLock).Assembly.GetType(unknown.Groups["type"].Value) ?? typeof(VersionLock);
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => CamelCaseNamingConvention.Instance.Apply(p.Name));
            throw new InvalidDataException($"{source} line {e.Start.Line}: unknown key \"{unknown.Groups["key"].Value}\" " +
                $"(allowed here: {string.Join(", ", known)}). Fix the key: a misspelt one would drop a pin.", e);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source} line {e.Start.Line}: {e.InnerException?.Message ?? e.Message} Fix the version lock.", e);
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

    [GeneratedRegex("Property '(?<key>[^']+)' not found on type '(?<type>[^']+)'")]
    private static partial Regex UnknownProperty();
}
