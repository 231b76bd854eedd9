using System.Security.Cryptography;
using InferenceBox.Issuer;
using Microsoft.AspNetCore.Builder;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// The real issuer on Kestrel, 127.0.0.1, a free port, configured like the platform's (manifests/issuer), signing
/// with a PEM key file in a temp folder. Dispose stops it; the key file can be reused to "restart" it.
/// </summary>
public sealed class LoopbackIssuer : IAsyncDisposable
{
    public const string SecondAudience = "second-audience";
    private readonly WebApplication _app;

    private LoopbackIssuer(WebApplication app, Uri baseUrl, TestClients clients)
    {
        _app = app;
        BaseUrl = baseUrl;
        Clients = clients;
    }

    public Uri BaseUrl { get; }

    /// <summary>The registered clients (one per tenant) and their secrets, as the provisioner would write them.</summary>
    public TestClients Clients { get; }

    public static Task<LoopbackIssuer> StartAsync(string? keyFile, params (string Key, string? Value)[] extra) =>
        StartAsync(keyFile, null, extra);

    /// <param name="customize">Runs last on the issuer's builder (a log recorder, tighter Kestrel limits).</param>
    public static async Task<LoopbackIssuer> StartAsync(string? keyFile, Action<WebApplicationBuilder>? customize,
        params (string Key, string? Value)[] extra)
    {
        var clients = TestClients.Create();
        // A key given in extra replaces the platform's value.
        var settings = PlatformConfiguration(keyFile).Append(new("Issuer:ClientsFile", clients.File))
            .Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Select(g => g.Last());
        var app = IssuerApp.Build(["--urls", "http://127.0.0.1:0"], settings, customize);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LoopbackIssuer(app, new Uri(app.Urls.Single()), clients);
    }

    public static IEnumerable<KeyValuePair<string, string?>> PlatformConfiguration(string? keyFile)
    {
        yield return new("Logging:LogLevel:Default", "Warning");
        yield return new("Issuer:Issuer", IssuerIdentity.Issuer);
        yield return new("Issuer:Audiences:0", IssuerIdentity.Audience);
        yield return new("Issuer:Audiences:1", SecondAudience);
        for (var i = 0; i < PlatformTenants.All.Count; i++) yield return new($"Issuer:Tenants:{i}", PlatformTenants.All[i]);
        if (keyFile is not null) yield return new("Issuer:SigningKeyFile", keyFile);
    }

    /// <summary>Writes a fresh 2048-bit RSA key as PKCS#8 PEM (the Secret's format) into a new temp folder.</summary>
    public static string NewKeyFile(bool publicOnly = false)
    {
        var folder = Directory.CreateTempSubdirectory("inferencebox-issuer-").FullName;
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(folder, publicOnly ? "public.pem" : "signing-key.pem");
        File.WriteAllText(path, publicOnly ? rsa.ExportSubjectPublicKeyInfoPem() : rsa.ExportPkcs8PrivateKeyPem());
        return path;
    }

    public HttpClient Http() => new() { BaseAddress = BaseUrl };

    /// <summary>Valid tokens per tenant, obtained with the tenants' client credentials, as the suite obtains them.</summary>
    public TenantTokens Tokens() => new(IssuerClient.For(BaseUrl), Clients, TimeProvider.System);

    /// <summary>A fresh token for <paramref name="tenant"/>'s client.</summary>
    public async Task<string> TokenAsync(string tenant)
    {
        using var client = IssuerClient.For(BaseUrl);
        return (await client.TokenAsync(Clients.For(tenant), ct: TestContext.Current.CancellationToken)).AccessToken!;
    }

    /// <summary>A client that authenticates as <paramref name="tenant"/>'s client with HTTP Basic on every request.</summary>
    public HttpClient Http(string tenant)
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = Clients.For(tenant).BasicHeader();
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// One client per tenant with a fresh secret, and the clients file (hashes only) written the way the provisioner
/// writes it (<see cref="ClientRegistrations.ClientsJson"/>), in a temp folder the issuer reads.
/// </summary>
public sealed class TestClients : IClientCredentialsSource
{
    private readonly Dictionary<string, string> _secrets;

    private TestClients(Dictionary<string, string> secrets, string file) => (_secrets, File) = (secrets, file);

    public string File { get; }

    public static TestClients Create()
    {
        var secrets = PlatformTenants.All.ToDictionary(t => t, _ => ClientRegistrations.NewSecret());
        var file = Path.Combine(Directory.CreateTempSubdirectory("inferencebox-clients-").FullName, ClientRegistrations.HashesKey);
        var clients = new TestClients(secrets, file);
        clients.Write();
        return clients;
    }

    public ClientCredentials For(string tenant) => new(ClientRegistrations.ClientIdOf(tenant), _secrets[tenant]);

    public Task<ClientCredentials> ForTenantAsync(string tenant, CancellationToken ct) => Task.FromResult(For(tenant));

    /// <summary>Rewrites the file with these secrets per tenant (several: a rotation in progress).</summary>
    public void Write(IReadOnlyDictionary<string, IReadOnlyList<string>>? secrets = null) =>
        System.IO.File.WriteAllText(File, ClientRegistrations.ClientsJson(PlatformTenants.All.Select(t =>
            (t, secrets?.GetValueOrDefault(t) ?? (IReadOnlyList<string>)[_secrets[t]]))));

    /// <summary>Records a new secret for <paramref name="tenant"/> (the file is not rewritten).</summary>
    public void Replace(string tenant, string secret) => _secrets[tenant] = secret;
}

/// <summary>One issuer for a whole test class, with its key file.</summary>
public sealed class IssuerFixture : IAsyncLifetime
{
    public string KeyFile { get; } = LoopbackIssuer.NewKeyFile();
    public LoopbackIssuer Issuer { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Issuer = await LoopbackIssuer.StartAsync(KeyFile);

    public async ValueTask DisposeAsync() => await Issuer.DisposeAsync();
}

/// <summary>
/// An issuer that also publishes a test-only key (Issuer:AdditionalPublicKeyFiles), as an attached platform does for
/// the suite: the negatives are signed with <see cref="TestKeyFile"/>, never with the issuer's own <see cref="KeyFile"/>.
/// </summary>
public sealed class IssuerWithTestKeyFixture : IAsyncLifetime
{
    public string KeyFile { get; } = LoopbackIssuer.NewKeyFile();
    public string TestKeyFile { get; } = LoopbackIssuer.NewKeyFile();
    public LoopbackIssuer Issuer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(TestKeyFile));
        var publicFile = Path.Combine(Path.GetDirectoryName(TestKeyFile)!, "test-key-public.pem");
        File.WriteAllText(publicFile, rsa.ExportSubjectPublicKeyInfoPem());
        Issuer = await LoopbackIssuer.StartAsync(KeyFile, ("Issuer:AdditionalPublicKeyFiles:0", publicFile));
    }

    public async ValueTask DisposeAsync() => await Issuer.DisposeAsync();
}
