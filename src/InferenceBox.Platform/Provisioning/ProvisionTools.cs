using System.Collections.Concurrent;
using InferenceBox.Platform.Tools;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// Resolves kind, helm and kubectl once per run (the PATH copy if its bytes are the pinned ones, else the verified download);
/// docker and dotnet come from PATH.
/// </summary>
public sealed class ProvisionTools(VersionLock versionLock, ToolResolver resolver)
{
    public static readonly string[] Pinned = ["kind", "helm", "kubectl"];
    private readonly ConcurrentDictionary<string, string> _resolved = new();

    public static ProvisionTools Create(VersionLock versionLock, string cacheDir, HttpClient http, WaitBudgets budgets) =>
        new(versionLock, new ToolResolver(cacheDir, http, budgets.ToolDownload));

    public async Task ResolveAllAsync(CancellationToken ct)
    {
        foreach (var tool in Pinned)
        {
            if (_resolved.ContainsKey(tool)) continue;
            if (!versionLock.Tools.TryGetValue(tool, out var entry))
                throw new ToolUnavailableException(tool, $"manifests/versions.yaml has no tools.{tool} entry (version, url, sha256).");
            _resolved[tool] = await resolver.ResolveAsync(new ToolPin(tool, entry.Version, entry.Url, entry.Sha256), ct);
        }
    }

    /// <summary>The executable for a tool; pinned tools must have been resolved first.</summary>
    public string PathOf(string tool) => _resolved.TryGetValue(tool, out var path) ? path
        : Pinned.Contains(tool) ? throw new InvalidOperationException($"{tool} was not resolved; call {nameof(ResolveAllAsync)} first.")
        : tool;
}
