namespace InferenceBox.Issuer;

/// <summary>
/// The token request's parameters. RFC 6749: grant_type, scope (§4.4.2), client_id and client_secret (§2.3.1,
/// client_secret_post). Extensions of this issuer: audience (the name RFC 8693 §2.1 uses for a logical target),
/// tenant (must be the client's own), expires_in (a shorter lifetime than the default, in seconds).
/// </summary>
public static class TokenParameterNames
{
    public const string GrantType = "grant_type", Scope = "scope", ClientId = "client_id", ClientSecret = "client_secret";
    public const string Audience = "audience", Tenant = "tenant", ExpiresIn = "expires_in";
    public const string ClientCredentialsGrant = "client_credentials";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([GrantType, Scope, ClientId, ClientSecret, Audience, Tenant, ExpiresIn], StringComparer.Ordinal);
}
