using System.Globalization;
using P = InferenceBox.Issuer.TokenParameterNames;

namespace InferenceBox.Issuer;

/// <summary>
/// POST /token: the OAuth 2.0 client credentials grant (RFC 6749 §4.4). The body is read first (client_secret_post
/// needs it), then the client is authenticated, then what it asks for is checked against what it may have:
/// its own tenant only (unauthorized_client), its scopes and audiences only (invalid_scope), a lifetime within the
/// configured range, refused rather than capped when outside (invalid_request). Errors are RFC 6749 §5.2 bodies.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, TokenRequestReader reader, ClientRegistry registry,
        TokenMinter minter, IssuerOptions options, IssuerMetrics metrics)
    {
        var result = await AnswerAsync(context, reader, registry, minter, options);
        if (result is OAuthResponse { StatusCode: >= 400 } refusal) metrics.TokenRefused(refusal.ErrorCode!);
        return result;
    }

    private static async Task<OAuthResponse> AnswerAsync(HttpContext context, TokenRequestReader reader, ClientRegistry registry,
        TokenMinter minter, IssuerOptions options)
    {
        var (parameters, errors) = await reader.ReadAsync(context.Request, context.RequestAborted);
        if (parameters is null)
            return OAuthResponse.Error(OAuthResponse.InvalidRequest,
                string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), errors);

        var (client, refusal) = ClientAuthentication.Authenticate(context.Request, parameters, registry);
        if (client is null) return refusal!;

        if (parameters[P.GrantType] is not { } grant)
            return Invalid(P.GrantType, $"is required; send grant_type={P.ClientCredentialsGrant}.");
        if (grant != P.ClientCredentialsGrant)
            return OAuthResponse.Error(OAuthResponse.UnsupportedGrantType, $"grant_type {OAuthText.Quote(grant)} is not supported; use {P.ClientCredentialsGrant}.");
        if (parameters[P.Tenant] is { } tenant && tenant != client.Tenant)
            return OAuthResponse.Error(OAuthResponse.UnauthorizedClient,
                $"client {OAuthText.Quote(client.ClientId)} may obtain tokens for tenant {OAuthText.Quote(client.Tenant)} only, not {OAuthText.Quote(tenant)}.");

        var scopes = client.Scopes;
        if (parameters[P.Scope] is { } scope)
        {
            scopes = scope.Split(' ');
            var refused = scopes.Where(s => !client.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
            if (refused.Count > 0)
                return OAuthResponse.Error(OAuthResponse.InvalidScope, $"scope {string.Join(", ", refused.Select(OAuthText.Quote))} is not granted to " +
                    $"client {OAuthText.Quote(client.ClientId)}; its scopes: {string.Join(" ", client.Scopes)}.");
        }
        var audience = parameters[P.Audience] ?? client.Audiences[0];
        if (!client.Audiences.Contains(audience, StringComparer.Ordinal))
            return OAuthResponse.Error(OAuthResponse.InvalidScope, $"audience {OAuthText.Quote(audience)} is not granted to client " +
                $"{OAuthText.Quote(client.ClientId)}; its audiences: {string.Join(" ", client.Audiences)}.");

        var lifetime = options.DefaultLifetimeSeconds;
        if (parameters[P.ExpiresIn] is { } requested)
        {
            var range = $"{options.MinLifetimeSeconds}..{options.MaxLifetimeSeconds}";
            if (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out lifetime))
                return Invalid(P.ExpiresIn, $"must be a whole number of seconds in {range}.");
            if (lifetime < options.MinLifetimeSeconds || lifetime > options.MaxLifetimeSeconds)
                return Invalid(P.ExpiresIn, $"{lifetime} is out of range {range}; a longer lifetime is refused, not capped.");
        }

        var minted = minter.Mint(client, audience, lifetime, scopes);
        return new OAuthResponse(StatusCodes.Status200OK, new Dictionary<string, object>
        {
            ["access_token"] = minted.Token, ["token_type"] = "Bearer", ["expires_in"] = minted.LifetimeSeconds,
            ["scope"] = string.Join(' ', minted.Scopes),
        });
    }

    private static OAuthResponse Invalid(string field, string message) =>
        OAuthResponse.Error(OAuthResponse.InvalidRequest, $"{field} {message}", new Dictionary<string, string[]> { [field] = [message] });
}
