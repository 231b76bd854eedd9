using InferenceBox.Specs.Support.Progress;
using InferenceBox.Specs.Support.Provisioning.Ports;
using InferenceBox.Specs.Support.Settings;
using InferenceBox.Specs.Support.Waiting;
using InferenceBox.Specs.Support.Manifests;
using InferenceBox.Specs.Support.Models;

namespace InferenceBox.Specs.Support.Provisioning.Phases;

/// <summary>
/// Everything a phase needs: settings, the version lock, the two ports, the budgets, the paths, where to report
/// what it applied (null: nowhere), and the host cache of the pinned model weights (null: none, for plans and tests
/// whose lock pins no weights).
/// </summary>
public sealed record ProvisionContext(
    InferenceBoxSettings Settings, VersionLock Lock, IToolRunner Tools, IClusterPort Cluster, WaitBudgets Budgets,
    string RepoRoot, string StateDir, IProgressChannel? Progress = null, IModelWeights? Weights = null)
{
    public string ManifestsDir => Path.Combine(RepoRoot, "manifests");
    public string Manifests(params string[] parts) => Path.Combine([ManifestsDir, .. parts]);

    /// <summary>The issuer's private key, readable by the suite only (0600): the trusted key for forged negatives.</summary>
    public string SigningKeyFile => Settings.SigningKeyFile ?? Path.Combine(StateDir, "keys", "jwt-issuer-signing-key.pem");
}
