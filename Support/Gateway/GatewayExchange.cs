namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// One request through the gateway and its answer. <see cref="TokenClaims"/> holds the claims of the bearer
/// token sent (null when none was sent), never the token itself, so exchanges can be written to reports.
/// </summary>
public sealed record GatewayExchange(string Method, Uri Url, int StatusCode, IReadOnlyDictionary<string, string> Headers,
    string Body, TimeSpan Latency, string? RequestId, IReadOnlyDictionary<string, string>? TokenClaims)
{
    /// <summary>The value of a response header (case-insensitive name), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
