using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// Which chart or release of manifests/versions.yaml brings the CRD of a kind, as the stand-ins install them
/// (<see cref="ChartContents"/>, <see cref="ReleaseContents"/>): so a refusal for a kind that is not served can say
/// whether its CRD comes later (applied too early) or from nowhere (a kind nobody installs).
/// </summary>
public sealed class CrdOrigins
{
    private readonly Dictionary<(string Group, string Kind), (string Origin, IReadOnlyList<string> Versions)> _origins = new();

    public static CrdOrigins Of(string manifestsDir, SchemaStore schemas)
    {
        var origins = new CrdOrigins();
        VersionLock versionLock;
        try { versionLock = VersionLock.Load(Path.Combine(manifestsDir, VersionLock.FileName)); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException) { return origins; }
        foreach (var (key, chart) in versionLock.Charts)
        {
            var values = Path.Combine(manifestsDir, "values", key + ".yaml");
            var parsed = File.Exists(values) ? YamlJson.ParseAll(File.ReadAllText(values), values).FirstOrDefault()?.Node as JsonObject : null;
            var release = new HelmRelease(chart.Chart, key, chart.Namespace, chart.Version, parsed ?? new JsonObject());
            origins.Add(ChartContents.Crds(release), $"chart {chart.Chart} (charts.{key} of manifests/versions.yaml)", schemas);
        }
        foreach (var (key, release) in versionLock.Releases)
            foreach (var url in release.Urls)
            {
                try { origins.Add(ReleaseContents.For(url).Crds, $"{url} (releases.{key} of manifests/versions.yaml)", schemas); }
                catch (InvalidOperationException) { /* a URL the stand-ins do not know: its kubectl apply fails on its own */ }
            }
        return origins;
    }

    private void Add(IEnumerable<string> sources, string origin, SchemaStore schemas)
    {
        foreach (var crd in sources.SelectMany(schemas.CustomResourceDefinitions))
        {
            var spec = crd.Body["spec"];
            if (spec?["group"]?.ToString() is not { } group || spec["names"]?["kind"]?.ToString() is not { } kind) continue;
            var versions = (spec["versions"] as JsonArray ?? []).Where(v => (bool?)v?["served"] != false)
                .Select(v => v?["name"]?.ToString()).OfType<string>().ToList();
            _origins.TryAdd((group, kind), (origin, versions));
        }
    }

    /// <summary>Why <paramref name="kind"/> of <paramref name="apiVersion"/> may not be served: its CRD's origin, or nobody's.</summary>
    public string Explain(string apiVersion, string kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        if (!_origins.TryGetValue((group, kind), out var found))
            return $"nothing the platform installs defines {kind} in {(group.Length == 0 ? "the core group" : group)}: " +
                   "no chart or release of manifests/versions.yaml brings such a CRD (a kind nobody installs, or a misspelt one)";
        return found.Versions.Contains(version)
            ? $"its CRD comes with {found.Origin}, which had not been installed when this object was applied: apply it in a " +
              "phase that runs after the one installing that CRD"
            : $"its CRD, from {found.Origin}, serves {string.Join(", ", found.Versions)}, not {version}";
    }
}
