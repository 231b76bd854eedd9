using System.Text;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Settings;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Specs.Tests.Emulator;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>Where the suite finds a tenant's client credentials, what it says when it cannot, and how it sends them.</summary>
public sealed class ClientCredentialSourcesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Attach_mode_without_the_setting_fails_once_naming_it_and_how_to_fill_it()
    {
        var source = ClientCredentialSources.For(new InferenceBoxSettings { Mode = RunMode.Attach }, cluster: null);
        var e = (await FluentActions.Awaiting(() => source.ForTenantAsync("tenant-b", Ct)).Should().ThrowAsync<InvalidOperationException>()).Which;
        e.Message.Should().Contain("INFERENCEBOX_CLIENT_CREDENTIALS_DIR is not set").And.Contain("kubectl -n tenant-b get secret jwt-issuer-client");
    }

    [Fact]
    public async Task Attach_mode_reads_one_file_per_tenant_and_names_a_missing_or_broken_one_without_its_content()
    {
        var dir = Directory.CreateTempSubdirectory("inferencebox-credentials-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "tenant-a.json"), """{"client_id":"tenant-a","client_secret":"s3cr3t-value"}""", Ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "tenant-b.json"), """{"client_id":"tenant-b","client_secret":"s3cr3t-value""", Ct);
        var source = ClientCredentialSources.For(new InferenceBoxSettings { Mode = RunMode.Attach, ClientCredentialsDir = dir }, cluster: null);

        (await source.ForTenantAsync("tenant-a", Ct)).ClientId.Should().Be("tenant-a");
        (await FluentActions.Awaiting(() => source.ForTenantAsync("tenant-c", Ct)).Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*INFERENCEBOX_CLIENT_CREDENTIALS_DIR*holds no tenant-c.json*kubectl -n tenant-c*");
        (await FluentActions.Awaiting(() => source.ForTenantAsync("tenant-b", Ct)).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("tenant-b.json").And.NotContain("s3cr3t-value");
    }

    [Fact]
    public async Task Provision_mode_reads_the_tenants_Secret_from_the_API_server()
    {
        await using var api = await Emulators.StartAsync();
        using var client = api.CreateClient();
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-c}");
        await client.ApplyAsync(api, "apiVersion: v1\nkind: Secret\nmetadata: {name: jwt-issuer-client, namespace: tenant-c}\ntype: Opaque\n" +
            $"data: {{client_id: {B64("tenant-c")}, client_secret: {B64("the-secret")}}}");
        var source = ClientCredentialSources.For(new InferenceBoxSettings(), client);

        var credentials = await source.ForTenantAsync("tenant-c", Ct);
        credentials.ClientId.Should().Be("tenant-c");
        credentials.ToString().Should().NotContain("the-secret");
        Encoding.UTF8.GetString(Convert.FromBase64String(credentials.BasicHeader().Parameter!)).Should().Be("tenant-c:the-secret");
        (await FluentActions.Awaiting(() => source.ForTenantAsync("tenant-a", Ct)).Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("Secret tenant-a/jwt-issuer-client does not exist; rerun provisioning*");
    }

    [Fact]
    public async Task Basic_credentials_are_form_encoded_before_base64_as_RFC6749_section_2_3_1_asks_and_the_issuer_decodes_them()
    {
        const string id = "team a:1", secret = "p+s/w%rd:=é";
        var file = Path.Combine(Directory.CreateTempSubdirectory("inferencebox-clients-").FullName, "clients.json");
        await File.WriteAllTextAsync(file, new JsonObject
        {
            ["clients"] = new JsonArray(new JsonObject
            {
                ["client_id"] = id, ["tenant"] = "tenant-a", ["scopes"] = new JsonArray("predict"),
                ["audiences"] = new JsonArray(IssuerIdentity.Audience), ["secret_sha256"] = new JsonArray(ClientRegistrations.HashOf(secret)),
            }),
        }.ToJsonString(), Ct);
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(), ("Issuer:ClientsFile", file));
        using var client = IssuerClient.For(issuer.BaseUrl);

        var credentials = new ClientCredentials(id, secret);
        Encoding.UTF8.GetString(Convert.FromBase64String(credentials.BasicHeader().Parameter!)).Should().Be("team+a%3A1:p%2Bs%2Fw%25rd%3A%3D%C3%A9");
        (await client.RequestTokenAsync(credentials, TokenAsk.Default, Ct)).Status.Should().Be(200);
        (await client.RequestTokenAsync(credentials, TokenAsk.Default, Ct, secretInBody: true)).Status.Should().Be(200);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
