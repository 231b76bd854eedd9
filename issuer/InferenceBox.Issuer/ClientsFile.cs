using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferenceBox.Issuer;

/// <summary>
/// The clients file (key <c>clients.json</c> of Secret auth-system/jwt-issuer-clients, written by the provisioner):
/// <c>{"clients":[{"client_id","tenant","scopes":[…],"audiences":[…],"secret_sha256":["base64 of 32 bytes", …]}]}</c>.
/// It holds hashes only, never a secret. <see cref="Parse"/> lists every problem at once, never echoing a hash.
/// </summary>
public static class ClientsFile
{
    public static (IReadOnlyDictionary<string, RegisteredClient>? Clients, IReadOnlyList<string> Problems) Parse(byte[] json, IssuerOptions options)
    {
        Document? document;
        try { document = JsonSerializer.Deserialize<Document>(json, Json); }
        catch (JsonException e) { return (null, [$"is not a JSON object of the expected shape (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}."]); }
        catch (InvalidOperationException) { return (null, ["holds a string that is not text (an unpaired surrogate escape)."]); }
        if (document?.Clients is not { Count: > 0 } entries) return (null, ["lists no clients (\"clients\": [] or missing)."]);

        var problems = new List<string>();
        var clients = new Dictionary<string, RegisteredClient>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = $"clients[{i}]";
            if (string.IsNullOrWhiteSpace(entry.ClientId) || entry.ClientId.Any(c => c is < '\x20' or > '\x7e'))
            { problems.Add($"{at}.client_id must be printable ASCII text."); continue; }
            if (clients.ContainsKey(entry.ClientId)) problems.Add($"{at}.client_id '{entry.ClientId}' appears twice.");
            if (entry.Tenant is null || !options.Tenants.Contains(entry.Tenant, StringComparer.Ordinal))
                problems.Add($"{at}.tenant must be one of Issuer:Tenants ({string.Join(", ", options.Tenants)}).");
            var audiences = entry.Audiences ?? [];
            if (audiences.Count == 0 || audiences.Any(a => !options.Audiences.Contains(a, StringComparer.Ordinal)))
                problems.Add($"{at}.audiences must list at least one of Issuer:Audiences ({string.Join(", ", options.Audiences)}).");
            var scopes = entry.Scopes ?? [];
            if (scopes.Any(s => !OAuthText.IsScopeToken(s))) problems.Add($"{at}.scopes holds a value that is not an RFC 6749 §3.3 scope token.");
            var hashes = new List<byte[]>();
            foreach (var text in entry.SecretSha256 ?? [])
            {
                var hash = FromBase64(text);
                if (hash?.Length == SecretHash.Length) hashes.Add(hash);
                else problems.Add($"{at}.secret_sha256 holds a value that is not base64 of a 32-byte SHA-256 hash.");
            }
            if (hashes.Count == 0) problems.Add($"{at}.secret_sha256 needs at least one hash.");
            clients[entry.ClientId] = new RegisteredClient(entry.ClientId, entry.Tenant ?? "", scopes, audiences, hashes);
        }
        return problems.Count > 0 ? (null, problems) : (clients, problems);
    }

    private static byte[]? FromBase64(string? text)
    {
        if (text is null) return null;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static readonly JsonSerializerOptions Json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, MaxDepth = 8 };

    private sealed record Document([property: JsonPropertyName("clients")] List<Entry>? Clients);

    private sealed record Entry(
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("tenant")] string? Tenant,
        [property: JsonPropertyName("scopes")] List<string>? Scopes,
        [property: JsonPropertyName("audiences")] List<string>? Audiences,
        [property: JsonPropertyName("secret_sha256")] List<string>? SecretSha256);
}
