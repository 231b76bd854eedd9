using System.Text.Json;
using InferenceBox.Platform.Settings;
using k8s;
using k8s.Autorest;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>Where the suite finds a tenant's OAuth client credentials.</summary>
public interface IClientCredentialsSource
{
    Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct);
}

/// <summary>
/// Picks the source for a run: the cluster's Secrets in provision mode (the suite is admin there); in attach mode the
/// files of <c>INFERENCEBOX_CLIENT_CREDENTIALS_DIR</c>, or, when that is unset, one clear error naming it.
/// </summary>
public static class ClientCredentialSources
{
    public const string Setting = SettingsLoader.Prefix + "CLIENT_CREDENTIALS_DIR";

    public static IClientCredentialsSource For(InferenceBoxSettings settings, IKubernetes? cluster) =>
        settings.ClientCredentialsDir is { } dir ? new DirectoryClientCredentials(dir)
        : settings.Mode == RunMode.Attach ? new MissingClientCredentials()
        : new ClusterClientCredentials(cluster);

    public static string FileFor(string dir, string tenant) => Path.Combine(dir, tenant + ".json");

    public static string HowToWrite(string tenant) =>
        $"kubectl -n {tenant} get secret {ClientRegistrations.TenantSecretName} -o go-template=" +
        "'{\"client_id\":\"{{.data.client_id|base64decode}}\",\"client_secret\":\"{{.data.client_secret|base64decode}}\"}' " +
        $"> \"${Setting}/{tenant}.json\"";
}

/// <summary>Reads Secret &lt;tenant&gt;/jwt-issuer-client (keys client_id, client_secret), created by the issuer phase.</summary>
public sealed class ClusterClientCredentials(IKubernetes? cluster) : IClientCredentialsSource
{
    public async Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct)
    {
        if (cluster is null) throw new InvalidOperationException("No cluster connection: the platform was not provisioned in this run.");
        const string name = ClientRegistrations.TenantSecretName;
        try
        {
            var secret = await cluster.CoreV1.ReadNamespacedSecretAsync(name, tenant, cancellationToken: ct);
            string? Value(string key) => secret.Data?.TryGetValue(key, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes) : null;
            return Value(ClientRegistrations.ClientIdKey) is { } id && Value(ClientRegistrations.ClientSecretKey) is { } value
                ? new ClientCredentials(id, value)
                : throw new InvalidOperationException($"Secret {tenant}/{name} lacks {ClientRegistrations.ClientIdKey} or " +
                                                      $"{ClientRegistrations.ClientSecretKey}; rerun provisioning (the issuer phase writes it).");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"Secret {tenant}/{name} does not exist; rerun provisioning (the issuer phase creates it).", e);
        }
    }
}

/// <summary>Attach mode: &lt;dir&gt;/&lt;tenant&gt;.json holding {"client_id": "…", "client_secret": "…"}.</summary>
public sealed class DirectoryClientCredentials(string dir) : IClientCredentialsSource
{
    public async Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct)
    {
        var file = ClientCredentialSources.FileFor(dir, tenant);
        if (!File.Exists(file))
            throw new InvalidOperationException($"{ClientCredentialSources.Setting} is \"{dir}\" but holds no {tenant}.json. Write it from the " +
                                                $"tenant's Secret: {ClientCredentialSources.HowToWrite(tenant)}");
        try
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file, ct));
            return new ClientCredentials(json.RootElement.GetProperty("client_id").GetString()!, json.RootElement.GetProperty("client_secret").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Names the file, never its content.
            throw new InvalidOperationException($"{file} (from {ClientCredentialSources.Setting}) is not {{\"client_id\": string, " +
                                                "\"client_secret\": string}.", e);
        }
    }
}

/// <summary>Attach mode without the setting: every use fails with what to set.</summary>
public sealed class MissingClientCredentials : IClientCredentialsSource
{
    public Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct) => throw new InvalidOperationException(
        $"Attach mode obtains tokens as each tenant's OAuth client, and {ClientCredentialSources.Setting} is not set. Set it to a folder " +
        $"holding <tenant>.json per tenant, e.g.: {ClientCredentialSources.HowToWrite(tenant)}");
}
