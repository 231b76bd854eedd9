using InferenceBox.Platform.Manifests;
using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Issuer;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Cluster;
using InferenceBox.Specs.Tests.Emulator;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>
/// The issuer phase's OAuth clients: a secret per tenant in the tenant's namespace, only their hashes for the issuer,
/// in a file the real issuer accepts (its own parser reads what the provisioner wrote), and no secret in any output.
/// </summary>
public sealed class IssuerClientSecretsTests : IDisposable
{
    private readonly PlatformFixture _f = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IssuerPhase Issuer() => new(new ProvisionContext(_f.Settings, _f.Lock, _f.Tools, _f.Cluster, new WaitBudgets(), _f.Root,
        Path.Combine(_f.Root, "state")), "cluster", "tenants");

    [Fact]
    public async Task Each_tenant_gets_a_generated_secret_in_its_namespace_and_the_issuer_only_their_hashes()
    {
        await Issuer().RunAsync(Ct);

        var secrets = PlatformTenants.All.ToDictionary(t => t, t => Data($"{t}/jwt-issuer-client"));
        foreach (var (tenant, data) in secrets)
        {
            data["client_id"].Should().Be(tenant);
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(data["client_secret"]).Should().HaveCount(32);
        }
        secrets.Values.Select(d => d["client_secret"]).Should().OnlyHaveUniqueItems();

        var clientsJson = Data("auth-system/jwt-issuer-clients")["clients.json"];
        var (clients, problems) = ClientsFile.Parse(Encoding.UTF8.GetBytes(clientsJson), new IssuerOptions
        {
            Issuer = IssuerIdentity.Issuer, Audiences = [IssuerIdentity.Audience], Tenants = [.. PlatformTenants.All],
        });
        problems.Should().BeEmpty("the real issuer must accept what the provisioner writes");
        foreach (var (tenant, data) in secrets)
        {
            clientsJson.Should().NotContain(data["client_secret"]);
            clients![tenant].Tenant.Should().Be(tenant);
            SecretHash.Matches(SecretHash.Of(data["client_secret"]), clients[tenant].SecretHashes).Should().BeTrue();
        }
        var everythingPrinted = string.Join("\n", _f.Progress.Lines.Concat(_f.Tools.Commands).Concat(_f.Cluster.Applied));
        secrets.Values.Should().OnlyContain(d => !everythingPrinted.Contains(d["client_secret"]), "no secret in progress lines, commands or object names");
    }

    /// <summary>
    /// Against the API server emulator, read through the real adapter (ClusterApi.ReadSecretValueAsync decodes data[key]):
    /// a hand-rotated Secret is a real core/v1 Secret, so the adapter returns its client_secret, not the whole object.
    /// </summary>
    [Fact]
    public async Task Existing_secrets_are_kept_and_a_hand_rotated_secret_makes_the_clients_unregistered_until_ensured()
    {
        await using var t = await AdapterTarget.StartAsync(AdapterTarget.Emulator);
        foreach (var ns in PlatformTenants.All.Append(IssuerPhase.Namespace))
            await t.Client.ApplyAsync(t.Server!, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}");
        var api = t.Api();
        var clients = new IssuerClientSecrets(api, PlatformTenants.All);

        (await clients.AreRegisteredAsync(Ct)).Should().BeFalse("no tenant has its Secret yet");
        await clients.EnsureAsync(Ct);
        (await clients.AreRegisteredAsync(Ct)).Should().BeTrue();
        var before = await ClientSecretOf(api, "tenant-b");
        var tenantA = await ClientSecretOf(api, "tenant-a");

        // Someone rotated tenant-b's secret in its namespace; the issuer's hashes do not know it yet.
        await t.Client.ApplyAsync(t.Server!, $$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: {{ClientRegistrations.TenantSecretName}}, namespace: tenant-b}
            data: {{{ClientRegistrations.ClientIdKey}}: {{B64("tenant-b")}}, {{ClientRegistrations.ClientSecretKey}}: {{B64("rotated-by-hand")}}}
            """);
        (await ClientSecretOf(api, "tenant-b")).Should().Be("rotated-by-hand", "the adapter decodes the one key it is asked for");
        (await clients.AreRegisteredAsync(Ct)).Should().BeFalse();

        await clients.EnsureAsync(Ct);
        var hashes = await api.ReadSecretValueAsync(IssuerPhase.Namespace, ClientRegistrations.HashesSecretName, ClientRegistrations.HashesKey, Ct);
        hashes.Should().Contain(ClientRegistrations.HashOf("rotated-by-hand")).And.NotContain(ClientRegistrations.HashOf(before));
        (await ClientSecretOf(api, "tenant-b")).Should().Be("rotated-by-hand", "an existing secret is kept");
        (await ClientSecretOf(api, "tenant-a")).Should().Be(tenantA);
        (await clients.AreRegisteredAsync(Ct)).Should().BeTrue();
    }

    private static async Task<string> ClientSecretOf(ClusterApi api, string tenant) =>
        (await api.ReadSecretValueAsync(tenant, ClientRegistrations.TenantSecretName, ClientRegistrations.ClientSecretKey, Ct))!;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private Dictionary<string, string> Data(string key) =>
        JsonNode.Parse(_f.Cluster.Secrets[key])!["data"]!.AsObject()
            .ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Value!.GetValue<string>())));

    public void Dispose() => _f.Dispose();
}
