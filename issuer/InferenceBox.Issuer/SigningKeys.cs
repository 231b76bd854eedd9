using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Issuer;

/// <summary>
/// The key that signs and the keys the JWKS publishes. The signing key comes from a PEM file so that a restart
/// keeps every issued token valid; an in-memory key exists only when development mode is asked for explicitly.
/// </summary>
public sealed class SigningKeys
{
    private SigningKeys(RsaSecurityKey signing, IReadOnlyList<RsaSecurityKey> published, bool development)
    {
        Signing = signing;
        Published = published;
        IsDevelopmentKey = development;
    }

    public RsaSecurityKey Signing { get; }
    public IReadOnlyList<RsaSecurityKey> Published { get; }
    public bool IsDevelopmentKey { get; }

    public static SigningKeys Load(IssuerOptions options)
    {
        RsaSecurityKey signing;
        var development = false;
        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
            signing = Read(options.SigningKeyFile, "Issuer:SigningKeyFile", requirePrivate: true);
        else if (options.DevelopmentKey)
        {
            signing = WithKid(RSA.Create(2048));
            development = true;
        }
        else
            throw new IssuerConfigurationException(
                "No signing key: set Issuer__SigningKeyFile to a PEM RSA private key file (the mounted Secret " +
                "jwt-issuer-signing-key), or set Issuer__DevelopmentKey=true to generate a throwaway key whose tokens " +
                "die with the process.");

        var published = new List<RsaSecurityKey> { signing };
        for (var i = 0; i < options.AdditionalPublicKeyFiles.Count; i++)
        {
            var extra = Read(options.AdditionalPublicKeyFiles[i], $"Issuer:AdditionalPublicKeyFiles:{i}", requirePrivate: false);
            if (published.All(k => k.KeyId != extra.KeyId)) published.Add(extra);
        }
        return new SigningKeys(signing, published, development);
    }

    /// <summary>RFC 7638 thumbprint (SHA-256 over the canonical {e,kty,n}), base64url: stable for a given key.</summary>
    public static string Thumbprint(RSAParameters publicParameters) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter
            .ConvertFromRSASecurityKey(new RsaSecurityKey(new RSAParameters
                { Modulus = publicParameters.Modulus, Exponent = publicParameters.Exponent }))
            .ComputeJwkThumbprint());

    /// <summary>The JWKS document: public parts only.</summary>
    public object Jwks() => new
    {
        keys = Published.Select(k => k.Rsa.ExportParameters(false)).Select(p => new
        {
            kty = "RSA", use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = Thumbprint(p),
            n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent),
        }).ToArray(),
    };

    private static RsaSecurityKey Read(string path, string setting, bool requirePrivate)
    {
        if (!File.Exists(path))
            throw new IssuerConfigurationException($"{setting} names \"{path}\", which does not exist. Mount the key file there or fix the path.");
        var rsa = RSA.Create();
        try
        {
            // Never include the file's content in a message: it is a secret.
            rsa.ImportFromPem(File.ReadAllText(path));
            if (requirePrivate) rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new IssuerConfigurationException(
                $"{setting} \"{path}\" holds no RSA {(requirePrivate ? "private" : "public or private")} key in PEM form " +
                "(expected -----BEGIN PRIVATE KEY----- (PKCS#8), RSA PRIVATE KEY or PUBLIC KEY).", e);
        }
        if (rsa.KeySize < 2048)
            throw new IssuerConfigurationException($"{setting} \"{path}\" is a {rsa.KeySize}-bit RSA key; use at least 2048 bits.");
        return WithKid(rsa);
    }

    private static RsaSecurityKey WithKid(RSA rsa) => new(rsa) { KeyId = Thumbprint(rsa.ExportParameters(false)) };
}
