using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Builds each negative from one valid token of the issuer, changing exactly one property. Signed negatives go
/// through Microsoft.IdentityModel; only defects that no JWT library will produce (alg none, broken encoding,
/// a missing segment, a payload edited after signing) are assembled from segments, with System.Text.Json.
/// </summary>
public sealed class TokenForger(string validToken, JsonWebKeySet jwks, TrustedKey? trusted)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JsonWebToken _valid = new(validToken);

    /// <summary>The negatives that must be signed by the issuer's private key to be bad in only one way.</summary>
    public static bool NeedsTrustedKey(TokenDefect defect) => defect is TokenDefect.Expired or TokenDefect.NotYetValid
        or TokenDefect.WrongIssuer or TokenDefect.WrongAudience or TokenDefect.NoTenantClaim or TokenDefect.UnknownKid;

    public string Forge(TokenDefect defect) => defect switch
    {
        TokenDefect.None => validToken,
        TokenDefect.NotThreeSegments => $"{_valid.EncodedHeader}.{_valid.EncodedPayload}",
        // '*' is in neither base64 alphabet, so every decoder refuses the signature segment.
        TokenDefect.BadBase64 => $"{_valid.EncodedHeader}.{_valid.EncodedPayload}.*{_valid.EncodedSignature[1..]}",
        TokenDefect.Expired => Resign(Times(-TimeSpan.FromHours(2))),
        TokenDefect.NotYetValid => Resign(d => { d.NotBefore = DateTime.UtcNow.AddHours(1); d.Expires = d.NotBefore.Value.AddHours(1); }),
        TokenDefect.WrongIssuer => Resign(d => d.Issuer = "http://impostor-issuer.example"),
        TokenDefect.WrongAudience => Resign(d => d.Audience = "some-other-audience"),
        TokenDefect.NoTenantClaim => Resign(d => d.Claims.Remove(IssuerIdentity.TenantClaim)),
        TokenDefect.UnknownKid => Sign(Descriptor(), new RsaSecurityKey(Trusted.Key.Rsa) { KeyId = "unknown-" + Trusted.Kid[..12] }, SecurityAlgorithms.RsaSha256),
        TokenDefect.UnknownSigningKey => Sign(Descriptor(), new RsaSecurityKey(RSA.Create(2048)) { KeyId = _valid.Kid }, SecurityAlgorithms.RsaSha256),
        TokenDefect.Hs256WithPublicKey => Sign(Descriptor(), new SymmetricSecurityKey(PublicKeyPemBytes()) { KeyId = _valid.Kid }, SecurityAlgorithms.HmacSha256),
        TokenDefect.AlgNone => $"{Edit(_valid.EncodedHeader, h => h["alg"] = "none")}.{_valid.EncodedPayload}.",
        TokenDefect.TamperedPayload =>
            $"{_valid.EncodedHeader}.{Edit(_valid.EncodedPayload, p => p["sub"] = p["sub"]!.GetValue<string>() + "-tampered")}.{_valid.EncodedSignature}",
        TokenDefect.NoToken or TokenDefect.OtherTenant =>
            throw new ArgumentException($"{defect} is not forged: it is no token, or another tenant's valid token.", nameof(defect)),
        _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "Unknown token defect."),
    };

    /// <summary>The issuer's public key as the PEM text a confused verifier would use as an HMAC secret.</summary>
    public byte[] PublicKeyPemBytes()
    {
        var key = jwks.Keys.FirstOrDefault(k => k.Kid == _valid.Kid)
            ?? throw new InvalidOperationException($"The issuer's JWKS has no key {_valid.Kid}, the kid of its own token.");
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(key.N), Exponent = Base64UrlEncoder.DecodeBytes(key.E) });
        return Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
    }

    private TrustedKey Trusted
    {
        get
        {
            if (trusted is null) throw new InvalidOperationException("This negative needs the issuer's private key; none was provided.");
            if (jwks.Keys.All(k => k.Kid != trusted.Kid))
                throw new InvalidOperationException($"The trusted key {trusted.SourceFile} (kid {trusted.Kid}) is not one the issuer " +
                    $"publishes (kids: {string.Join(", ", jwks.Keys.Select(k => k.Kid))}): it is not the issuer's signing key.");
            return trusted;
        }
    }

    /// <summary>A descriptor carrying exactly the valid token's claims (registered times, iss and aud set apart).</summary>
    private SecurityTokenDescriptor Descriptor() => new()
    {
        Issuer = _valid.Issuer,
        Audience = _valid.Audiences.Single(),
        IssuedAt = _valid.IssuedAt,
        NotBefore = _valid.ValidFrom,
        Expires = _valid.ValidTo,
        Claims = Payload().Where(p => p.Key is not ("iss" or "aud" or "iat" or "nbf" or "exp"))
            .ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>()),
    };

    private JsonObject Payload() => JsonNode.Parse(Base64UrlEncoder.Decode(_valid.EncodedPayload))!.AsObject();

    private static Action<SecurityTokenDescriptor> Times(TimeSpan shift) => d =>
    {
        // Move the whole validity window, so it lies entirely in the past and nothing else changes.
        var lifetime = d.Expires!.Value - d.NotBefore!.Value;
        d.Expires = DateTime.UtcNow + shift;
        d.NotBefore = d.IssuedAt = d.Expires - lifetime;
    };

    private string Resign(Action<SecurityTokenDescriptor> change)
    {
        var descriptor = Descriptor();
        change(descriptor);
        return Sign(descriptor, Trusted.Key, SecurityAlgorithms.RsaSha256);
    }

    private static string Sign(SecurityTokenDescriptor descriptor, SecurityKey key, string algorithm)
    {
        descriptor.SigningCredentials = new SigningCredentials(key, algorithm);
        return Handler.CreateToken(descriptor);
    }

    private static string Edit(string segment, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Base64UrlEncoder.Decode(segment))!.AsObject();
        change(json);
        return Base64UrlEncoder.Encode(json.ToJsonString());
    }
}
