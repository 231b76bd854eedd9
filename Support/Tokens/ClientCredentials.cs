using System.Net.Http.Headers;
using System.Text;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// A client's id and secret. The secret never leaves this object except in the Authorization header it builds:
/// <see cref="ToString"/> shows the id only, so a log, a report or an assertion message cannot print it.
/// </summary>
public sealed class ClientCredentials(string clientId, string secret)
{
    public string ClientId { get; } = clientId;

    /// <summary>RFC 6749 §2.3.1: id and secret each form-urlencoded (Appendix B), joined by ':', then base64 (RFC 7617).</summary>
    public AuthenticationHeaderValue BasicHeader() => new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(ClientId)}:{FormEncode(secret)}")));

    /// <summary>The same client with another secret (a wrong one, for the scenarios that must be refused).</summary>
    public ClientCredentials WithSecret(string otherSecret) => new(ClientId, otherSecret);

    /// <summary>The client_secret_post form fields (RFC 6749 §2.3.1), for a client that cannot send HTTP Basic.</summary>
    public IEnumerable<KeyValuePair<string, string>> PostFields() => [new("client_id", ClientId), new("client_secret", secret)];

    public override string ToString() => $"client {ClientId} (secret withheld)";

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+");
}
