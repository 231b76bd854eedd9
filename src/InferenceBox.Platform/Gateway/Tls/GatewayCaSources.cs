using InferenceBox.Platform.Run;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Gateway.Tls;

/// <summary>Where the suite reads the one CA it trusts for the gateway.</summary>
public interface IGatewayCaSource
{
    Task<GatewayCa> LoadAsync(CancellationToken ct);
}

/// <summary>
/// Picks the source for a run: INFERENCEBOX_GATEWAY_CA_FILE when set; otherwise in provision mode the cluster the suite
/// provisioned (the gateway's TLS Secret, key ca.crt, written by cert-manager); in attach mode one clear error naming
/// the setting, because the cluster is not ours to read its Secrets and its CA is the operator's to hand over.
/// </summary>
public static class GatewayCaSources
{
    public const string Setting = SettingsLoader.Prefix + "GATEWAY_CA_FILE";

    /// <summary>The gateway's TLS Secret (manifests/tls/gateway-certificate.yaml secretName) and its namespace.</summary>
    public const string SecretNamespace = ModelGateway.Namespace, SecretName = "inference-gateway-tls";

    /// <summary>cert-manager writes the root of the chain it issued under this key (cert-manager/cert-manager@v1.18.2
    /// pkg/apis/meta/v1/types.go TLSCAKey; pkg/controller/certificates/issuing/internal/secret.go setValues).</summary>
    public const string CaKey = "ca.crt";

    public static IGatewayCaSource For(InferenceBoxSettings settings, ClusterApi? cluster) =>
        settings.GatewayCaFile is { } file ? new FileGatewayCa(file)
        : settings.Mode == RunMode.Attach ? new MissingGatewayCa()
        : new ClusterGatewayCa(cluster);

    public static string HowToWrite =>
        $"kubectl -n {SecretNamespace} get secret {SecretName} -o jsonpath='{{.data.ca\\.crt}}' | base64 -d > gateway-ca.pem; " +
        $"{Setting}=$PWD/gateway-ca.pem";
}

public sealed class FileGatewayCa(string path) : IGatewayCaSource
{
    public Task<GatewayCa> LoadAsync(CancellationToken ct) => Task.FromResult(GatewayCa.FromFile(path));
}

/// <summary>Provision mode: the CA as cert-manager wrote it into the gateway's TLS Secret (the gateway-tls phase waited for it).</summary>
public sealed class ClusterGatewayCa(ClusterApi? cluster) : IGatewayCaSource
{
    public async Task<GatewayCa> LoadAsync(CancellationToken ct)
    {
        if (cluster is null) throw new InvalidOperationException("No cluster connection: the platform was not provisioned in this run.");
        var where = $"Secret {GatewayCaSources.SecretNamespace}/{GatewayCaSources.SecretName} key {GatewayCaSources.CaKey}";
        var pem = await cluster.ReadSecretValueAsync(GatewayCaSources.SecretNamespace, GatewayCaSources.SecretName, GatewayCaSources.CaKey, ct)
                  ?? throw new InvalidOperationException($"{where} does not exist: cert-manager has not issued the gateway's certificate " +
                                                         "(manifests/tls). Rerun provisioning; the gateway-tls phase waits for it.");
        return GatewayCa.Parse(pem, where);
    }
}

public sealed class MissingGatewayCa : IGatewayCaSource
{
    public Task<GatewayCa> LoadAsync(CancellationToken ct) => throw new GatewayCaUnavailableException(
        $"Attach mode needs the CA that signed the gateway's certificate, and {GatewayCaSources.Setting} is not set. The suite trusts " +
        "exactly that CA and never skips verification.",
        $"Set {GatewayCaSources.Setting} to the CA's PEM file (on a cluster provisioned from these manifests: {GatewayCaSources.HowToWrite}).");
}

/// <summary>No CA to trust: a known cause the runner bridge prints once, every scenario reported not run.</summary>
public sealed class GatewayCaUnavailableException(string cause, string fix) : Exception($"{cause} {fix}"), IKnownCause
{
    public string Cause { get; } = cause;
    public string Fix { get; } = fix;
    public override string? StackTrace => null;
}
