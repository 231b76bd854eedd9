using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning;

namespace InferenceBox.Specs.Support.Reporting;

/// <summary>The platform the run was meant to test, from manifests/versions.yaml (read by the one lock reader).</summary>
public static class PlatformPins
{
    public static PlatformSection Read(string versionsFile)
    {
        VersionLock pins;
        try { pins = VersionLock.Load(versionsFile); }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            return new PlatformSection(null, null, null, Empty, Empty, Empty, new Dictionary<string, string> { ["error"] = e.Message });
        }
        return new PlatformSection(pins.Kubernetes.Version, pins.Kind.Version, pins.Kind.NodeImage,
            Sorted(pins.Charts.ToDictionary(c => c.Key, c => $"{c.Value.Chart} {c.Value.Version}")),
            Sorted(pins.Releases.ToDictionary(r => r.Key, r => r.Value.Version)),
            Sorted(pins.Images),
            Sorted(pins.Tools.ToDictionary(t => t.Key, t => t.Value.Version)));
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static SortedDictionary<string, string> Sorted(IDictionary<string, string> source) => new(source, StringComparer.Ordinal);
}
