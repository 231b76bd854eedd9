using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Artifacts;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Models;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// Everything a phase needs: settings, the version lock, the two ports, the budgets, the paths, where to report
/// what it applied (null: nowhere), the verified chart archives and release files (<see cref="ArtifactStore"/>), and the
/// host cache of the pinned model weights (null: none, for plans and tests whose lock pins no weights).
/// </summary>
public sealed record ProvisionContext(
    InferenceBoxSettings Settings, VersionLock Lock, IToolRunner Tools, IClusterPort Cluster, WaitBudgets Budgets,
    string RepoRoot, string StateDir, IProgressChannel? Progress = null, ArtifactStore? Artifacts = null, IModelWeights? Weights = null)
{
    /// <summary>The local archive of the lock's chart <paramref name="key"/>, its SHA-256 checked just now.</summary>
    public Task<string> VerifiedChartAsync(string key, CancellationToken ct) =>
        Store.VerifiedPathAsync(LockedArtifact.ForChart(Lock, key), ct);

    /// <summary>The local copy of one URL of the lock's release <paramref name="key"/>, its SHA-256 checked just now.</summary>
    public Task<string> VerifiedReleaseFileAsync(string key, string url, CancellationToken ct) =>
        Store.VerifiedPathAsync(LockedArtifact.ForRelease(Lock, key, url), ct);

    private ArtifactStore Store => Artifacts ?? throw new InvalidOperationException(
        "This provisioning context has no artifact store, so no chart or release file can be verified; the Provisioner sets one.");

    public string ManifestsDir => ManifestFiles.FolderOf(RepoRoot);
    public string Manifests(params string[] parts) => Path.Combine([ManifestsDir, .. parts]);

    /// <summary>The issuer's private key, readable by the suite only (0600): the trusted key for forged negatives.</summary>
    public string SigningKeyFile => Settings.SigningKeyFile ?? Path.Combine(StateDir, "keys", "jwt-issuer-signing-key.pem");
}
