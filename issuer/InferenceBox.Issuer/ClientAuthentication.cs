using System.Text;
using P = InferenceBox.Issuer.TokenParameterNames;

namespace InferenceBox.Issuer;

/// <summary>The outcome of authenticating the client: the client, or the RFC 6749 §5.2 error to answer.</summary>
public sealed record ClientAuthOutcome(RegisteredClient? Client, OAuthResponse? Refusal);

/// <summary>
/// Authenticates the client of a token request (RFC 6749 §2.3.1): HTTP Basic with the client id and secret, each
/// form-urlencoded (Appendix B) before base64, or client_id and client_secret in the body (client_secret_post), never
/// both (§2.3). An unknown id and a wrong secret get the same answer, after the same work.
/// </summary>
public static class ClientAuthentication
{
    private static readonly byte[][] NoClient = [new byte[SecretHash.Length]];

    public static ClientAuthOutcome Authenticate(HttpRequest request, TokenParameters parameters, ClientRegistry registry)
    {
        var header = request.Headers.Authorization.ToString();
        var basic = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (header.Length > 0 && !basic)
            return Refuse(OAuthResponse.InvalidClient, "only HTTP Basic or client_secret_post client authentication is supported.");
        if (basic && parameters[P.ClientSecret] is not null)
            return Refuse(OAuthResponse.InvalidRequest, "use one client authentication method, not HTTP Basic and client_secret together (RFC 6749 section 2.3).");

        string? id, secret;
        if (basic)
        {
            (id, secret) = DecodeBasic(header["Basic ".Length..].Trim());
            if (id is null) return Refuse(OAuthResponse.InvalidClient, "the Basic credentials are not base64 of id:secret.");
            if (parameters[P.ClientId] is { } bodyId && bodyId != id)
                return Refuse(OAuthResponse.InvalidRequest, "client_id in the body differs from the Basic credentials.");
        }
        else (id, secret) = (parameters[P.ClientId], parameters[P.ClientSecret]);
        if (id is null || secret is null)
            return Refuse(OAuthResponse.InvalidClient, "no client authentication: send HTTP Basic client_id:client_secret (RFC 6749 section 2.3.1).");

        var client = registry.Find(id);
        var matches = SecretHash.Matches(SecretHash.Of(secret), client?.SecretHashes ?? NoClient);
        return client is not null && matches
            ? new ClientAuthOutcome(client, null)
            : Refuse(OAuthResponse.InvalidClient, "client authentication failed: unknown client or wrong secret.");
    }

    private static ClientAuthOutcome Refuse(string error, string description) => new(null, OAuthResponse.Error(error, description));

    private static (string? Id, string? Secret) DecodeBasic(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length) || !System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
            return (null, null);
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = text.IndexOf(':');
        return colon < 0 ? (null, null) : (FormDecode(text[..colon]), FormDecode(text[(colon + 1)..]));
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
