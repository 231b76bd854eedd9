using System.Security.Cryptography;
using InferenceBox.Platform.Settings;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// The issuer's own private signing key, which the suite needs to forge negatives that are validly signed
/// (expired, wrong issuer, …). Provision mode has the provisioner's key file; attach mode only has one when
/// INFERENCEBOX_SIGNING_KEY_FILE names it. The key is never logged; its kid (RFC 7638 thumbprint) may be.
/// </summary>
public sealed class TrustedKey
{
    private TrustedKey(RsaSecurityKey key, string sourceFile)
    {
        Key = key;
        SourceFile = sourceFile;
    }

    public RsaSecurityKey Key { get; }
    public string Kid => Key.KeyId;
    public string SourceFile { get; }

    /// <summary>The key to use, or null when this run has none (then the kit skips those negatives with a reason).</summary>
    public static TrustedKey? Resolve(InferenceBoxSettings settings, string? provisionedKeyFile)
    {
        var file = settings.SigningKeyFile ?? (settings.Mode == RunMode.Provision ? provisionedKeyFile : null);
        return file is not null && File.Exists(file) ? Load(file) : null;
    }

    public static TrustedKey Load(string pemFile)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(pemFile));
            rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or IOException)
        {
            // The message names the file, never its content.
            throw new InvalidOperationException(
                $"{pemFile} holds no readable RSA private key in PEM form (expected -----BEGIN PRIVATE KEY-----). " +
                $"Point {SettingsLoader.Prefix}SIGNING_KEY_FILE at the issuer's signing key (Secret jwt-issuer-signing-key, key signing-key.pem).", e);
        }
        return new TrustedKey(new RsaSecurityKey(rsa) { KeyId = Thumbprint(rsa.ExportParameters(false)) }, pemFile);
    }

    /// <summary>RFC 7638 thumbprint of an RSA public key, base64url: the kid the issuer publishes for it.</summary>
    public static string Thumbprint(RSAParameters publicKey) =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter
            .ConvertFromRSASecurityKey(new RsaSecurityKey(new RSAParameters { Modulus = publicKey.Modulus, Exponent = publicKey.Exponent }))
            .ComputeJwkThumbprint());
}
