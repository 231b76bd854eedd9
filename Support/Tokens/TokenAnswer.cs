namespace InferenceBox.Specs.Support.Tokens;

/// <summary>What a client asks POST /token for, besides who it is (all optional: the issuer's defaults apply).</summary>
public sealed record TokenAsk(string? Tenant = null, string? Audience = null, string? Scope = null, int? ExpiresIn = null)
{
    public static readonly TokenAsk Default = new();
}

/// <summary>
/// The token endpoint's answer, recorded whatever the status: status, the RFC 6749 §5.2 error and description, the
/// challenge and caching headers, who answered (the issuer's JSON, or a gateway's text). The token itself is kept
/// for the caller but never shown by <see cref="ToString"/>.
/// </summary>
public sealed record TokenAnswer(int Status, string? Error, string? ErrorDescription, string? Challenge, string? CacheControl,
    string? Pragma, string? ContentType, string Body, int? ExpiresIn)
{
    public string? AccessToken { get; init; }
    public bool HasToken => !string.IsNullOrEmpty(AccessToken);

    /// <summary>A §5.2 error body from the issuer itself: JSON with an "error" member.</summary>
    public bool IsIssuerError => Error is not null && ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    public override string ToString() =>
        $"{Status} error={Error ?? "-"} description=\"{ErrorDescription}\" challenge=\"{Challenge}\" cache-control={CacheControl} " +
        $"content-type={ContentType} token={(HasToken ? "(withheld)" : "none")} body=\"{(HasToken ? "(withheld)" : Short(Body))}\"";

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
