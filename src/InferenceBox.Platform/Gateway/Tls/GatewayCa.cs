using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InferenceBox.Platform.Gateway.Tls;

/// <summary>
/// The one certificate authority the suite trusts for the gateway: a single CA certificate (basic constraints CA:TRUE)
/// from PEM, with where it came from. Bad input gets one error naming the source, what is wrong and what to give instead.
/// </summary>
public sealed class GatewayCa
{
    private GatewayCa(X509Certificate2 certificate, string source)
    {
        Certificate = certificate;
        Source = source;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Where the CA was read: a file, or a cluster Secret's key.</summary>
    public string Source { get; }

    /// <summary>SHA-256 of the certificate, as a chain's root is compared with it.</summary>
    public string Thumbprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public override string ToString() => $"{Certificate.Subject} (SHA-256 {Thumbprint[..16]}…, from {Source})";

    /// <summary>The CA in <paramref name="pem"/>, or <see cref="InvalidDataException"/> saying why it is not one.</summary>
    public static GatewayCa Parse(string pem, string source) =>
        WhyNot(pem, out var certificate) is { } why
            ? throw new InvalidDataException($"{source} is not the gateway's CA: {why}. Give the PEM of the CA certificate that signed " +
                                             "the gateway's certificate (cert-manager writes it as ca.crt in the gateway's TLS Secret).")
            : new GatewayCa(certificate!, source);

    /// <summary>Reads and checks a PEM file (INFERENCEBOX_GATEWAY_CA_FILE).</summary>
    public static GatewayCa FromFile(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new InvalidDataException($"{path} does not exist.");

    /// <summary>Null when <paramref name="pem"/> holds exactly one CA certificate; otherwise why not.</summary>
    public static string? WhyNot(string pem, out X509Certificate2? certificate)
    {
        certificate = null;
        var all = new X509Certificate2Collection();
        try { all.ImportFromPem(pem); }
        catch (CryptographicException e) { return $"its PEM cannot be read ({e.Message})"; }
        if (all.Count == 0) return "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
        if (all.Count > 1) return $"it holds {all.Count} certificates; the suite trusts exactly one CA";
        var constraints = all[0].Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
            return $"{all[0].Subject} is not a CA certificate (no basic constraints CA:TRUE): is it the server's certificate (tls.crt) instead of ca.crt?";
        certificate = all[0];
        return null;
    }
}
