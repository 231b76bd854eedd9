using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace InferenceBox.Platform.Tokens;

/// <summary>
/// The issuer's OAuth clients as the platform registers them: one per tenant, client id = the tenant's name, scope
/// <see cref="Scope"/>, audience <see cref="IssuerIdentity.Audience"/>. The secret is 32 random bytes (256 bits,
/// base64url); the issuer's clients file (issuer/InferenceBox.Issuer/ClientsFile.cs reads it) holds only SHA-256 hashes.
/// </summary>
public static class ClientRegistrations
{
    public const string Scope = "predict";
    /// <summary>Secret in each tenant's namespace holding its client's credentials (keys client_id, client_secret).</summary>
    public const string TenantSecretName = "jwt-issuer-client", ClientIdKey = "client_id", ClientSecretKey = "client_secret";
    /// <summary>Secret in auth-system holding the hashes, mounted by the issuer (key clients.json).</summary>
    public const string HashesSecretName = "jwt-issuer-clients", HashesKey = "clients.json";

    public static string ClientIdOf(string tenant) => tenant;

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Every hash a clients file holds (none when it is absent or unreadable).</summary>
    public static IReadOnlySet<string> HashesIn(string? clientsJson)
    {
        try
        {
            return JsonNode.Parse(clientsJson ?? "")?["clients"]?.AsArray()
                .SelectMany(c => c?["secret_sha256"]?.AsArray() ?? [])
                .Select(h => h?.GetValue<string>() ?? "").ToHashSet() ?? [];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return new HashSet<string>(); }
    }

    /// <summary>The clients file: each tenant with the hashes of the secrets it may use (two while one is rotated).</summary>
    public static string ClientsJson(IEnumerable<(string Tenant, IReadOnlyList<string> Secrets)> tenants) => new JsonObject
    {
        ["clients"] = new JsonArray([.. tenants.Select(t => (JsonNode)new JsonObject
        {
            ["client_id"] = ClientIdOf(t.Tenant),
            ["tenant"] = t.Tenant,
            ["scopes"] = new JsonArray(Scope),
            ["audiences"] = new JsonArray(IssuerIdentity.Audience),
            ["secret_sha256"] = new JsonArray([.. t.Secrets.Select(s => (JsonNode)HashOf(s))]),
        })]),
    }.ToJsonString();
}
