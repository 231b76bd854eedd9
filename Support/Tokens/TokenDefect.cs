namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// One way a bearer token can be wrong. Every forged negative differs from a valid token of the issuer in exactly
/// this one property; <see cref="None"/> is the valid token itself.
/// </summary>
public enum TokenDefect
{
    None, NoToken, NotThreeSegments, BadBase64, Expired, NotYetValid, WrongIssuer, WrongAudience,
    NoTenantClaim, OtherTenant, UnknownSigningKey, UnknownKid, AlgNone, Hs256WithPublicKey, TamperedPayload,
}
