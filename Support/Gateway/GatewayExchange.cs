namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// One request through the gateway and its answer. <see cref="TokenClaims"/> holds the claims of the bearer
/// token sent (null when none was sent), never the token itself, so exchanges can be written to reports.
/// <see cref="Attempts"/> counts the sends: more than one means a transport fault was retried before this answer,
/// which a statistical sample must count as a failure (issue 17 item 12). <see cref="SentAt"/> is when the first
/// attempt left, for reading the gateway's logs around it.
/// </summary>
public sealed record GatewayExchange(string Method, Uri Url, int StatusCode, IReadOnlyDictionary<string, string> Headers,
    string Body, TimeSpan Latency, string? RequestId, IReadOnlyDictionary<string, string>? TokenClaims,
    int Attempts = 1, DateTimeOffset? SentAt = null)
{
    /// <summary>The value of a response header (case-insensitive name), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool Retried => Attempts > 1;
}
