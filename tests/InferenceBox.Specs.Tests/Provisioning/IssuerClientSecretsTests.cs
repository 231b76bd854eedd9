using InferenceBox.Specs.Support.Manifests;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using InferenceBox.Issuer;
using InferenceBox.Specs.Support.Provisioning;
using InferenceBox.Specs.Support.Provisioning.Phases;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Specs.Support.Waiting;
using Xunit;

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

    [Fact]
    public async Task Existing_secrets_are_kept_and_a_missing_hash_makes_the_phase_unsatisfied()
    {
        await Issuer().RunAsync(Ct);
        var before = Data("tenant-b/jwt-issuer-client")["client_secret"];
        _f.Cluster.EverythingReady = true;
        _f.Cluster.ObjectsExist = true;
        (await Issuer().IsSatisfiedAsync(Ct)).Should().BeTrue();

        // Someone rotated tenant-b's secret in its namespace; the issuer's hashes do not know it yet.
        _f.Cluster.Secrets["tenant-b/jwt-issuer-client"] = "rotated-by-hand";
        (await Issuer().IsSatisfiedAsync(Ct)).Should().BeFalse();
        await Issuer().RunAsync(Ct);
        Data("auth-system/jwt-issuer-clients")["clients.json"].Should().Contain(ClientRegistrations.HashOf("rotated-by-hand"))
            .And.NotContain(ClientRegistrations.HashOf(before));
        Data("tenant-a/jwt-issuer-client")["client_secret"].Should().NotBeNullOrEmpty();
        (await Issuer().IsSatisfiedAsync(Ct)).Should().BeTrue();
    }

    private Dictionary<string, string> Data(string key) =>
        JsonNode.Parse(_f.Cluster.Secrets[key])!["data"]!.AsObject()
            .ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Value!.GetValue<string>())));

    public void Dispose() => _f.Dispose();
}
