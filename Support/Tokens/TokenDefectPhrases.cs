namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// The words feature files use for each <see cref="TokenDefect"/>. An unknown phrase fails with the list of
/// known ones, so a typo in a feature is a clear binding error, not a silently valid token.
/// </summary>
public static class TokenDefectPhrases
{
    public static readonly IReadOnlyDictionary<string, TokenDefect> All = new Dictionary<string, TokenDefect>(StringComparer.OrdinalIgnoreCase)
    {
        ["a valid token"] = TokenDefect.None,
        ["no token"] = TokenDefect.NoToken,
        ["a token that is not three segments"] = TokenDefect.NotThreeSegments,
        ["a token with bad base64"] = TokenDefect.BadBase64,
        ["an expired token"] = TokenDefect.Expired,
        ["a token that is not yet valid"] = TokenDefect.NotYetValid,
        ["a token from the wrong issuer"] = TokenDefect.WrongIssuer,
        ["a token for the wrong audience"] = TokenDefect.WrongAudience,
        ["a token without a tenant claim"] = TokenDefect.NoTenantClaim,
        ["another tenant's valid token"] = TokenDefect.OtherTenant,
        ["a token signed by an unknown key"] = TokenDefect.UnknownSigningKey,
        ["a token with an unknown kid"] = TokenDefect.UnknownKid,
        ["an unsigned token with alg none"] = TokenDefect.AlgNone,
        ["an HS256 token keyed with the public key"] = TokenDefect.Hs256WithPublicKey,
        ["a token with a tampered payload"] = TokenDefect.TamperedPayload,
    };

    public static TokenDefect Parse(string phrase) => All.TryGetValue(phrase.Trim(), out var defect)
        ? defect
        : throw new ArgumentException($"Unknown token phrase \"{phrase}\". Use one of: {string.Join("; ", All.Keys)}.", nameof(phrase));
}
