using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>
/// The charts run the images the lock pins: for every image of <see cref="ChartImages"/> whose chart the lock installs,
/// the lock lists the image, and when the lock has its digest, <c>values/&lt;release&gt;.yaml</c> sets the chart's
/// digest key to it (in the chart's own spelling). An image still pinned by tag (a known gap) must not be overridden to
/// anything but its tag.
/// </summary>
public static class ChartImageCheck
{
    public static IEnumerable<ValidationError> Run(string manifestsDir, VersionLock versionLock)
    {
        foreach (var (release, chart) in versionLock.Charts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var relative = $"values/{release}.yaml";
            var entries = ChartImages.All.Where(i => i.Chart == chart.Chart).ToList();
            if (entries.Count == 0) continue;
            var values = Read(Path.Combine(manifestsDir, relative));
            foreach (var entry in entries)
            {
                var image = LockedImage.Find(versionLock, entry.Image);
                var where = $"chart {chart.Chart} (release {release})";
                if (image is null)
                {
                    yield return new ValidationError(VersionLock.FileName, null, ".images",
                        $"{where} runs {entry.Image} ({entry.RenderedBy}), which images: does not list; add it with its digest");
                    continue;
                }
                var set = At(values, entry.ValuesPath);
                if (image.HasDigest && set != entry.Expected(image))
                    yield return new ValidationError(relative, where, entry.ValuesPath,
                        $"must be \"{entry.Expected(image)}\" so the chart runs {image} (versions.yaml images), " +
                        $"not {(set is null ? "unset (the chart's tag)" : $"\"{set}\"")}; the chart reads this key in {entry.RenderedBy}");
                else if (!image.HasDigest && set is not null && set != image.Tag && !(set.EndsWith(":" + image.Tag, StringComparison.Ordinal)))
                    yield return new ValidationError(relative, where, entry.ValuesPath,
                        $"\"{set}\" overrides {image.Repository}, which the lock pins to {image.Tag}; pin the override in versions.yaml images");
            }
        }
    }

    private static JsonNode? Read(string file)
    {
        try { return File.Exists(file) ? YamlJson.ParseAll(File.ReadAllText(file), file).FirstOrDefault()?.Node : null; }
        catch (InvalidDataException) { return null; } // LockCheck reports an unreadable values file
    }

    private static string? At(JsonNode? values, string path)
    {
        var node = values;
        foreach (var key in path.TrimStart('.').Split('.'))
            node = node is JsonObject obj ? obj[key] : null;
        return node is JsonValue v ? v.ToString() : null;
    }
}
