using InferenceBox.Platform.Manifests;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Platform.Provisioning.Phases;

/// <summary>
/// The issuer's OAuth clients, one per tenant: each secret is generated once and kept in a Secret in its tenant's
/// namespace (<see cref="ClientRegistrations.TenantSecretName"/>, keys client_id and client_secret); the issuer gets
/// only their SHA-256 hashes (Secret auth-system/jwt-issuer-clients, key clients.json, mounted and re-read by it).
/// No secret is written to the repository, a log or the report: the objects' sources name what they are, not them.
/// </summary>
public sealed class IssuerClientSecrets(IClusterPort cluster, IReadOnlyList<string> tenants)
{
    /// <summary>True when every tenant has its Secret and the issuer's hashes accept each tenant's current secret.</summary>
    public async Task<bool> AreRegisteredAsync(CancellationToken ct)
    {
        var file = await cluster.ReadSecretValueAsync(IssuerPhase.Namespace, ClientRegistrations.HashesSecretName, ClientRegistrations.HashesKey, ct);
        var registered = ClientRegistrations.HashesIn(file);
        foreach (var tenant in tenants)
        {
            var secret = await cluster.ReadSecretValueAsync(tenant, ClientRegistrations.TenantSecretName, ClientRegistrations.ClientSecretKey, ct);
            if (secret is null || !registered.Contains(ClientRegistrations.HashOf(secret))) return false;
        }
        return true;
    }

    /// <summary>
    /// Keeps every existing tenant secret, creates the missing ones, and writes the hashes of the current secrets.
    /// (A rotation in progress, two hashes for one client, is the operator's: see manifests/README.md.)
    /// </summary>
    public async Task EnsureAsync(CancellationToken ct)
    {
        var objects = new List<ManifestObject>();
        var current = new List<(string Tenant, IReadOnlyList<string> Secrets)>();
        foreach (var tenant in tenants)
        {
            var secret = await cluster.ReadSecretValueAsync(tenant, ClientRegistrations.TenantSecretName, ClientRegistrations.ClientSecretKey, ct);
            if (secret is null)
            {
                secret = ClientRegistrations.NewSecret();
                objects.Add(Secret(tenant, ClientRegistrations.TenantSecretName, new()
                {
                    [ClientRegistrations.ClientIdKey] = ClientRegistrations.ClientIdOf(tenant),
                    [ClientRegistrations.ClientSecretKey] = secret,
                }, $"provisioner (generated client secret of {tenant})"));
            }
            current.Add((tenant, [secret]));
        }
        objects.Add(Secret(IssuerPhase.Namespace, ClientRegistrations.HashesSecretName,
            new() { [ClientRegistrations.HashesKey] = ClientRegistrations.ClientsJson(current) }, "provisioner (client secret hashes)"));
        await cluster.ApplyAsync(objects, ct);
    }

    private static ManifestObject Secret(string ns, string name, Dictionary<string, string> data, string source) => ManifestObject.Built(
        new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "jwt-issuer", [Run.RunContext.ManagedByLabel] = Run.RunContext.ManagedBy },
            },
            ["data"] = new JsonObject(data.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value))))),
        }, source);
}
