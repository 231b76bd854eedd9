using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;

namespace InferenceBox.Platform.Emulator.Controllers;

/// <summary>The key pair and certificate an issuer produced, as PEM, and the root of the chain (ca.crt).</summary>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string CaPem, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>
/// Real X.509 issuance for the emulator's cert-manager, from a Certificate's spec, as cert-manager/cert-manager@v1.18.2
/// builds it: a new private key (spec.privateKey: RSA 2048 by default, or ECDSA of the given size; pkg/util/pki/generate.go),
/// EC keys encoded "EC PRIVATE KEY" (generate.go EncodeECPrivateKey), RSA keys PKCS#1; the subject's common name,
/// DNS and IP SANs, isCA basic constraints, the key and extended key usages of spec.usages (default "digital signature,
/// key encipherment", pkg/apis/certmanager/v1/types.go DefaultKeyUsages; isCA adds cert sign, pkg/util/pki/csr_test.go); duration
/// default 90 days (pkg/apis/certmanager/v1/const.go
/// DefaultCertificateDuration). A selfSigned issuer signs with the new key and writes the certificate as ca.crt
/// (pkg/controller/certificaterequests/selfsigned/selfsigned.go); a ca issuer signs with its Secret's tls.key and writes
/// the root as ca.crt (pkg/controller/certificaterequests/ca/ca.go).
/// </summary>
public static class CertificateIssuance
{
    public static IssuedCertificate Issue(JsonNode spec, DateTimeOffset now, X509Certificate2? signer, string? signerCaPem = null)
    {
        using var key = NewKey(spec["privateKey"]);
        var name = new X500DistinguishedName(spec["commonName"]?.ToString() is { Length: > 0 } cn ? $"CN={cn}" : "");
        var request = key is ECDsa ec ? new CertificateRequest(name, ec, HashAlgorithmName.SHA256)
            : new CertificateRequest(name, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var isCa = spec["isCA"] is JsonValue v && v.TryGetValue<bool>(out var ca) && ca;
        if (isCa) request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var usages = (spec["usages"] as JsonArray)?.Select(u => u?.ToString() ?? "").ToList() ?? ["digital signature", "key encipherment"];
        request.CertificateExtensions.Add(new X509KeyUsageExtension(KeyUsage(usages, isCa), true));
        if (ExtendedUsage(usages) is { Count: > 0 } eku) request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(eku, false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in spec["dnsNames"] as JsonArray ?? []) san.AddDnsName(dns!.ToString());
        foreach (var ip in spec["ipAddresses"] as JsonArray ?? []) san.AddIpAddress(IPAddress.Parse(ip!.ToString()));
        if ((spec["dnsNames"] as JsonArray)?.Count > 0 || (spec["ipAddresses"] as JsonArray)?.Count > 0) request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var duration = spec["duration"]?.ToString() is { } d ? ColdStartRouteCheck.Duration(d) : TimeSpan.FromDays(90);
        var (notBefore, notAfter) = (now.AddMinutes(-1), now + duration);
        using var certificate = signer is null ? request.CreateSelfSigned(notBefore, notAfter) : Signed(request, signer, notBefore, notAfter);
        var keyPem = key is ECDsa e ? e.ExportECPrivateKeyPem() : ((RSA)key).ExportRSAPrivateKeyPem();
        var certificatePem = certificate.ExportCertificatePem();
        return new IssuedCertificate(certificatePem, keyPem, signerCaPem ?? signer?.ExportCertificatePem() ?? certificatePem, notBefore, notAfter);
    }

    private static X509Certificate2 Signed(CertificateRequest request, X509Certificate2 signer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer, true, false));
        var end = notAfter < signer.NotAfter ? notAfter : new DateTimeOffset(signer.NotAfter);
        return request.Create(signer, notBefore, end, RandomNumberGenerator.GetBytes(16));
    }

    private static AsymmetricAlgorithm NewKey(JsonNode? privateKey)
    {
        var size = int.TryParse(privateKey?["size"]?.ToString(), out var bits) ? bits : (int?)null;
        return privateKey?["algorithm"]?.ToString() == "ECDSA"
            ? ECDsa.Create((size ?? 256) switch { 384 => ECCurve.NamedCurves.nistP384, 521 => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 })
            : RSA.Create(size ?? 2048);
    }

    private static X509KeyUsageFlags KeyUsage(IReadOnlyList<string> usages, bool isCa) => usages.Aggregate(
        isCa ? X509KeyUsageFlags.KeyCertSign : X509KeyUsageFlags.None, (flags, usage) => flags | usage switch
        {
            "digital signature" => X509KeyUsageFlags.DigitalSignature,
            "key encipherment" => X509KeyUsageFlags.KeyEncipherment,
            "cert sign" => X509KeyUsageFlags.KeyCertSign,
            "crl sign" => X509KeyUsageFlags.CrlSign,
            "key agreement" => X509KeyUsageFlags.KeyAgreement,
            _ => X509KeyUsageFlags.None,
        });

    private static OidCollection ExtendedUsage(IReadOnlyList<string> usages)
    {
        var oids = new OidCollection();
        if (usages.Contains("server auth")) oids.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (usages.Contains("client auth")) oids.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return oids;
    }
}
