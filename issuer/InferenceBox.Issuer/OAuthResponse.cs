using System.Text.Json;

namespace InferenceBox.Issuer;

/// <summary>
/// A token endpoint answer: JSON, never stored by a cache (RFC 6749 §5.1: <c>Cache-Control: no-store</c> and
/// <c>Pragma: no-cache</c> on every response holding a token; the issuer sends them on its errors too).
/// </summary>
public sealed class OAuthResponse(int status, object body, string? challenge = null, string? errorCode = null) : IResult
{
    /// <summary>RFC 6749 §5.2 error codes.</summary>
    public const string InvalidRequest = "invalid_request", InvalidClient = "invalid_client", UnauthorizedClient = "unauthorized_client",
        UnsupportedGrantType = "unsupported_grant_type", InvalidScope = "invalid_scope";

    /// <summary>RFC 6749 §5.2: 401 for invalid_client with a challenge of the scheme the client may use; 400 otherwise.</summary>
    public static OAuthResponse Error(string error, string description, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(error == InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest,
            new Dictionary<string, object>
            {
                ["error"] = error,
                ["error_description"] = OAuthText.Description(description),
                // An extension member (clients ignore unknown members, RFC 6749 §5.1): which field is wrong, and how.
                // Unlike error_description it is plain JSON text, so a field is named as it was sent.
                ["errors"] = errors ?? new Dictionary<string, string[]>(),
            },
            error == InvalidClient ? "Basic realm=\"jwt-issuer\", charset=\"UTF-8\"" : null, error);

    public int StatusCode => status;

    /// <summary>The §5.2 error code of a refusal; null for a token.</summary>
    public string? ErrorCode => errorCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        if (challenge is not null) response.Headers.WWWAuthenticate = challenge;
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, body, body.GetType(), cancellationToken: httpContext.RequestAborted);
    }
}
