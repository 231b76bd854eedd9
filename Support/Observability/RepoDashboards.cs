using System.Text.Json;
using InferenceBox.Platform.Run;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>The Grafana dashboards shipped in the repository (manifests/dashboards/*.json): uid and title of each.</summary>
public static class RepoDashboards
{
    public static string DefaultFolder => Path.Combine(RunPaths.ManifestsDir(), "dashboards");

    public static IReadOnlyList<(string Uid, string Title, string File)> Load(string? folder = null)
    {
        folder ??= DefaultFolder;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"No dashboards folder at {folder}: the repository ships its Grafana dashboards in manifests/dashboards/*.json.");
        var dashboards = Directory.GetFiles(folder, "*.json").Order().Select(file =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            var uid = root.TryGetProperty("uid", out var u) ? u.GetString() : null;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            if (string.IsNullOrWhiteSpace(uid) || string.IsNullOrWhiteSpace(title))
                throw new InvalidDataException($"{file}: a shipped dashboard needs a top-level \"uid\" and \"title\", so specs can find it in Grafana.");
            return (uid!, title!, file);
        }).ToArray();
        return dashboards.Length > 0 ? dashboards
            : throw new InvalidDataException($"{folder} holds no *.json dashboard.");
    }
}
