using System.Text.RegularExpressions;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Calls made from inside the cluster by a tenant's pod, as the isolation and mTLS scenarios describe them.
/// Credentials are given in the scenario's words ("with no token", "with a forged "x-tenant" header",
/// "with tenant-a's valid token"); a forged header claims the callee's tenant, which is what an attacker would send.
/// The callee's model is kept warm through the gateway during the call (its minReplicas is 0), so the answer comes from
/// its running pod and its policies, never from a cold start or an empty Service.
/// </summary>
public sealed partial class MeshCalls(ClusterDriver cluster, TenantTraffic traffic)
{
    public InMeshResult Last { get; private set; } = null!;

    public async Task<InMeshResult> CallPredictorAsync(string caller, bool withSidecar, string owner, string model, string credentials,
        CancellationToken ct = default)
    {
        var (words, inQuery) = TokenLocation(credentials);
        var (tokenOf, headers) = ParseCredentials(words, owner);
        var token = tokenOf is null ? null : traffic.TokenOf(tokenOf);
        var probe = ModelProber.SteadyStateVersion(owner, model).ProbeInput!;
        var call = new InMeshCall(caller, withSidecar, ClusterDriver.PredictorUrl(owner, model, KServePayloads.V1Path(model)), "POST",
            KServePayloads.V1Request(probe), headers, TokenInQuery: inQuery);
        return Last = await traffic.KeepingWarmAsync(owner, model, () => cluster.RunClientPodAsync(call, token, ct), ct);
    }

    /// <summary>
    /// Calls the predictor's pods themselves (the revision's private Service), so the pod's sidecar is met first;
    /// <paramref name="credentials"/> in the scenario's words, none by default.
    /// </summary>
    public async Task<InMeshResult> CallPredictorPodsDirectlyAsync(string caller, bool withSidecar, string owner, string model,
        string credentials = "with no token", CancellationToken ct = default)
    {
        var (tokenOf, headers) = ParseCredentials(credentials, owner);
        var token = tokenOf is null ? null : traffic.TokenOf(tokenOf);
        var url = await cluster.PrivatePredictorUrlAsync(owner, model, KServePayloads.V1Path(model), ct);
        var probe = ModelProber.SteadyStateVersion(owner, model).ProbeInput!;
        var call = new InMeshCall(caller, withSidecar, url, "POST", KServePayloads.V1Request(probe), headers);
        return Last = await traffic.KeepingWarmAsync(owner, model, () => cluster.RunClientPodAsync(call, token, ct), ct);
    }

    public const string InQuerySuffix = " in the access_token query parameter";

    /// <summary>
    /// "with tenant-b's valid token in the access_token query parameter": the credentials without the suffix, and whether the
    /// token goes in the query string instead of the Authorization header (issue 19 item 5).
    /// </summary>
    public static (string Credentials, bool InQuery) TokenLocation(string words) =>
        words.EndsWith(InQuerySuffix, StringComparison.Ordinal) ? (words[..^InQuerySuffix.Length], true) : (words, false);

    /// <summary>Whose token to send (null: none) and which headers, from the scenario's words.</summary>
    public static (string? TokenOf, IReadOnlyDictionary<string, string>? Headers) ParseCredentials(string words, string owner)
    {
        if (words == "with no token") return (null, null);
        if (ForgedHeader().Match(words) is { Success: true } forged)
            return (null, new Dictionary<string, string> { [forged.Groups["header"].Value] = owner });
        if (ValidToken().Match(words) is { Success: true } valid) return (valid.Groups["tenant"].Value, null);
        throw new ArgumentException($"Unknown credentials \"{words}\". Use: with no token | with a forged \"<header>\" header | " +
                                    "with <tenant>'s valid token.");
    }

    [GeneratedRegex("^with a forged \"(?<header>[A-Za-z0-9-]+)\" header$")]
    private static partial Regex ForgedHeader();

    [GeneratedRegex("^with (?<tenant>[a-z0-9-]+)'s valid token$")]
    private static partial Regex ValidToken();
}
