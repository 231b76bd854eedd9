using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Supply;

/// <summary>
/// The lock pins what it downloads by content (issue 19 items 10, 11): every image by digest, every chart archive,
/// every release file and every model file (weights:, with its size) by SHA-256. What no public source gave offline is listed under <c>unpinned:</c> with the reason:
/// <see cref="KnownGaps"/> reports those as warnings, and anything else left unpinned is an error, so a NEW image or
/// chart without a digest fails the check. A gap that has since been pinned must leave the list.
/// </summary>
public static class SupplyChainCheck
{
    private const string File = VersionLock.FileName;

    public static IEnumerable<ValidationError> Run(VersionLock versionLock)
    {
        var gaps = versionLock.Unpinned;
        foreach (var (repository, pin) in versionLock.Images)
        {
            var image = LockedImage.Read(repository, pin);
            var path = $".images[\"{repository}\"]";
            if (image.Digest is not null && !image.HasDigest)
                yield return new(File, null, path, $"\"{pin}\": the digest must be sha256: and 64 lowercase hex digits");
            else if (image.HasDigest && gaps.Images.ContainsKey(repository))
                yield return new(File, null, $".unpinned.images[\"{repository}\"]", $"{image} is pinned by digest now: remove it from unpinned.images");
            else if (!image.HasDigest && !gaps.Images.ContainsKey(repository))
                yield return new(File, null, path, $"image {image} is pinned by tag only, and a tag can be moved. Pin it as " +
                    $"\"{pin}@sha256:<digest>\" (read the digest from a trusted network: crane digest {image}), or, if no source gives " +
                    "it, list it under unpinned.images with the reason (docs/supply-chain.md)");
        }
        foreach (var repository in gaps.Images.Keys.Where(r => !versionLock.Images.ContainsKey(r)))
            yield return new(File, null, $".unpinned.images[\"{repository}\"]", "names no entry of images:; remove it or add the image");

        foreach (var (key, chart) in versionLock.Charts)
        {
            var listed = gaps.Charts.ContainsKey(key);
            if (chart.Sha256.Length > 0 && !Sha256Text.IsHex(chart.Sha256))
                yield return new(File, null, $".charts.{key}.sha256", $"\"{chart.Sha256}\" is not a SHA-256 (64 lowercase hex digits)");
            else if (chart.Sha256.Length > 0 && listed)
                yield return new(File, null, $".unpinned.charts.{key}", "the chart has a sha256 now: remove it from unpinned.charts");
            else if (chart.Sha256.Length == 0 && !listed)
                yield return new(File, null, $".charts.{key}", $"chart {chart.Chart} {chart.Version} has no sha256 of its archive. Add it " +
                    $"(sha256sum of the .tgz that `helm pull` writes, from a trusted network), or list {key} under unpinned.charts with the reason");
        }
        foreach (var key in gaps.Charts.Keys.Where(k => !versionLock.Charts.ContainsKey(k)))
            yield return new(File, null, $".unpinned.charts.{key}", "names no entry of charts:; remove it or add the chart");

        foreach (var (key, release) in versionLock.Releases)
        {
            var files = release.Urls.Select(FileName).ToList();
            foreach (var (url, file) in release.Urls.Zip(files))
            {
                if (release.Sha256.TryGetValue(file, out var sha) && !Sha256Text.IsHex(sha))
                    yield return new(File, null, $".releases.{key}.sha256[\"{file}\"]", $"\"{sha}\" is not a SHA-256 (64 lowercase hex digits)");
                else if (sha is null && !gaps.Releases.ContainsKey(key))
                    yield return new(File, null, $".releases.{key}.sha256", $"{url} has no checksum. Add \"{file}: <sha256 of its bytes>\", " +
                        $"or list {key} under unpinned.releases with the reason");
            }
            foreach (var file in release.Sha256.Keys.Where(f => !files.Contains(f)))
                yield return new(File, null, $".releases.{key}.sha256[\"{file}\"]", $"names no file of the release's urls ({string.Join(", ", files)})");
            if (files.Count != files.Distinct().Count())
                yield return new(File, null, $".releases.{key}.urls", "two URLs end in the same file name, so their checksums would collide");
        }
        foreach (var key in gaps.Releases.Keys.Where(k => !versionLock.Releases.ContainsKey(k)))
            yield return new(File, null, $".unpinned.releases.{key}", "names no entry of releases:; remove it or add the release");

        // Model weights: the same reading the weights phase does before it downloads (one home: WeightsPin.Of).
        foreach (var (name, entry) in versionLock.Weights)
        {
            string? problem = null;
            try { Models.WeightsPin.Of(name, entry); }
            catch (InvalidDataException e) { problem = e.Message; }
            if (problem is not null) yield return new(File, null, $".weights.{name}", problem);
        }

        foreach (var (repository, tag) in versionLock.LocalImages)
            if (LocalImages.WhyNotLocal(repository, tag) is { } problem)
                yield return new(File, null, $".localImages[\"{repository}\"]", problem);
    }

    /// <summary>The gaps, one line each: reported as warnings, so they stay in sight until pinned.</summary>
    public static IReadOnlyList<string> KnownGaps(VersionLock versionLock) =>
    [
        .. versionLock.Unpinned.Images.Where(g => versionLock.Images.ContainsKey(g.Key))
            .Select(g => $"known gap (warning): image {g.Key}:{versionLock.Images[g.Key]} is pinned by tag only: {g.Value}"),
        .. versionLock.Unpinned.Charts.Where(g => versionLock.Charts.ContainsKey(g.Key))
            .Select(g => $"known gap (warning): chart {g.Key} ({versionLock.Charts[g.Key].Chart} {versionLock.Charts[g.Key].Version}) " +
                         $"has no checksum: {g.Value}"),
        .. versionLock.Unpinned.Releases.Where(g => versionLock.Releases.ContainsKey(g.Key))
            .Select(g => $"known gap (warning): release {g.Key} has no checksum: {g.Value}"),
    ];

    /// <summary>The name a release file is keyed by in <c>sha256:</c>: the last segment of its URL's path.</summary>
    public static string FileName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : Path.GetFileName(url);
}
