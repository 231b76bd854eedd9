using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InferenceBox.Specs.Tests.Edge;

/// <summary>
/// A certificate authority made for one test (ECDSA P-256, CA:TRUE) and server certificates it signs, with .NET's own
/// X.509 builder: the same shape as the platform's (a self-signed root, a leaf for localhost and 127.0.0.1 with server
/// auth), independent of the emulator's cert-manager. Server certificates come back with their key, reloaded from
/// PKCS#12 so Kestrel can use them on every platform.
/// </summary>
public sealed class TestCa : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCa(string name = "Test root CA")
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>The CA certificate with its key (to sign); <see cref="Pem"/> is what a client trusts.</summary>
    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem();

    /// <summary>A server certificate for <paramref name="dnsNames"/> and <paramref name="ips"/>, signed by this CA.</summary>
    public X509Certificate2 Server(string[] dnsNames, string[] ips, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames.FirstOrDefault() ?? ips[0]}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames) san.AddDnsName(dns);
        foreach (var ip in ips) san.AddIpAddress(IPAddress.Parse(ip));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var end = notAfter ?? DateTimeOffset.UtcNow.AddDays(7);
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), end, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The platform's shape: localhost and 127.0.0.1.</summary>
    public X509Certificate2 GatewayServer() => Server(["localhost"], ["127.0.0.1"]);

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
