using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Operations;
using InferenceBox.Platform.Emulator.Storage;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>
/// cert-manager, reduced to what the platform's TLS depends on (cert-manager/cert-manager@v1.18.2), once its CRDs are
/// established and its Deployment <c>cert-manager</c> runs: each Certificate whose issuer can sign gets its Secret
/// (type kubernetes.io/tls; tls.crt, tls.key, ca.crt: pkg/controller/certificates/issuing/internal/secret.go setValues)
/// with a real certificate (<see cref="CertificateIssuance"/>), and status Ready True "Ready" "Certificate is up to date
/// and has not expired" at its generation, notBefore and notAfter (pkg/controller/certificates/readiness/readiness_controller.go,
/// pkg/api/util/conditions.go SetCertificateCondition). Until then Ready False "DoesNotExist" "Issuing certificate as Secret
/// does not exist" (internal/controller/certificates/policies/checks.go). A ClusterIssuer's CA Secret is read from the
/// cluster resource namespace, the chart's POD_NAMESPACE: the namespace of Deployment cert-manager
/// (deploy/charts/cert-manager/templates/deployment.yaml). Not imitated: CertificateRequests, renewal, key rotation,
/// ACME/Vault issuers, the issuers' own status, keystores.
/// </summary>
public sealed class CertificateController(ControllerSupport support) : IController
{
    private const string Group = "cert-manager.io";

    public async Task HandleAsync(StoredEvent change, CancellationToken ct)
    {
        if (change.Type == "DELETED" || (change.Resource.Group != Group && change.Resource.Kind != "Secret")) return;
        if (Find("Certificate") is not { } certificates) return;
        var deployments = support.Resource("apps/v1", "Deployment");
        var manager = support.Ops.Store.List(deployments, null).Items.FirstOrDefault(d => d["metadata"]?["name"]?.ToString() == "cert-manager");
        if (manager?["metadata"]?["namespace"]?.ToString() is not { } resourceNamespace) return;
        foreach (var certificate in support.Ops.Store.List(certificates, null).Items)
            await ReconcileAsync(certificates, certificate, resourceNamespace, ct);
    }

    private async Task ReconcileAsync(ApiResource certificates, JsonObject certificate, string resourceNamespace, CancellationToken ct)
    {
        var ns = certificate["metadata"]!["namespace"]!.ToString();
        var generation = Long(certificate["metadata"]?["generation"]) ?? 1;
        if (ControllerSupport.Condition(certificate, "Ready") == "True"
            && ControllerSupport.Condition(certificate, "Ready", "observedGeneration") == generation.ToString(System.Globalization.CultureInfo.InvariantCulture)) return;
        var status = (certificate["status"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();
        var spec = certificate["spec"]!;
        if (!TrySigner(spec["issuerRef"], ns, resourceNamespace, out var signer, out var signerCa))
        {
            support.WithCondition(status, "Ready", "False", "DoesNotExist", "Issuing certificate as Secret does not exist");
            Stamp(status, generation);
            await support.SetStatusAsync(certificates, certificate, status, "cert-manager-certificates-readiness", ct);
            return;
        }
        using (signer)
        {
            var issued = CertificateIssuance.Issue(spec, support.Ops.Time.GetUtcNow(), signer, signerCa);
            await WriteSecretAsync(ns, spec["secretName"]!.ToString(), issued, ct);
            support.WithCondition(status, "Ready", "True", "Ready", "Certificate is up to date and has not expired");
            Stamp(status, generation);
            status["notBefore"] = issued.NotBefore.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
            status["notAfter"] = issued.NotAfter.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
            status["revision"] = (Long(status["revision"]) ?? 0) + 1;
            await support.SetStatusAsync(certificates, certificate, status, "cert-manager-certificates-readiness", ct);
        }
    }

    /// <summary>selfSigned: no signer (the new key signs). ca: the key pair of the issuer's Secret, when it exists.</summary>
    private bool TrySigner(JsonNode? issuerRef, string ns, string resourceNamespace, out X509Certificate2? signer, out string? signerCa)
    {
        (signer, signerCa) = (null, null);
        var kind = issuerRef?["kind"]?.ToString() ?? "Issuer";
        if (Find(kind) is not { } issuers) return false;
        var issuer = support.Ops.Store.Get(issuers, kind == "ClusterIssuer" ? null : ns, issuerRef?["name"]?.ToString() ?? "");
        if (issuer?["spec"]?["selfSigned"] is not null) return true;
        if (issuer?["spec"]?["ca"]?["secretName"]?.ToString() is not { } secretName) return false;
        var secret = support.Ops.Store.Get(support.Resource("v1", "Secret"), kind == "ClusterIssuer" ? resourceNamespace : ns, secretName);
        if (Data(secret, "tls.crt") is not { } crt || Data(secret, "tls.key") is not { } key) return false;
        signer = X509Certificate2.CreateFromPem(crt, key);
        signerCa = Data(secret, "ca.crt");
        return true;
    }

    private async Task WriteSecretAsync(string ns, string name, IssuedCertificate issued, CancellationToken ct)
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var secrets = support.Resource("v1", "Secret");
        var body = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["type"] = "kubernetes.io/tls",
            ["data"] = new JsonObject { ["tls.crt"] = B64(issued.CertificatePem), ["tls.key"] = B64(issued.PrivateKeyPem), ["ca.crt"] = B64(issued.CaPem) },
        };
        var options = new WriteOptions("cert-manager-certificates-issuing");
        if (support.Ops.Store.Get(secrets, ns, name) is null) await support.Ops.CreateAsync(secrets, ns, body, options, ct);
        else await support.Ops.UpdateAsync(secrets, ns, name, null, body, options, ct);
    }

    private static void Stamp(JsonObject status, long generation)
    {
        foreach (var c in (JsonArray)status["conditions"]!) c!["observedGeneration"] = generation;
    }

    private static long? Long(JsonNode? node) => long.TryParse(node?.ToString(), out var value) ? value : null;

    private ApiResource? Find(string kind) => support.Ops.Catalog.Find(new GroupVersionKind(Group, "v1", kind));

    private static string? Data(JsonObject? secret, string key) =>
        secret?["data"]?[key]?.ToString() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;
}
