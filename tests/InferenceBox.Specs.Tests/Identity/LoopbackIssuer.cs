using System.Security.Cryptography;
using InferenceBox.Issuer;
using Microsoft.AspNetCore.Builder;
using InferenceBox.Specs.Support.Tokens;
using Xunit;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// The real issuer on Kestrel, 127.0.0.1, a free port, configured like the platform's (manifests/issuer), signing
/// with a PEM key file in a temp folder. Dispose stops it; the key file can be reused to "restart" it.
/// </summary>
public sealed class LoopbackIssuer : IAsyncDisposable
{
    public const string SecondAudience = "second-audience";
    private readonly WebApplication _app;

    private LoopbackIssuer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static Task<LoopbackIssuer> StartAsync(string? keyFile, params (string Key, string? Value)[] extra) =>
        StartAsync(keyFile, null, extra);

    /// <param name="customize">Runs last on the issuer's builder (a log recorder, tighter Kestrel limits).</param>
    public static async Task<LoopbackIssuer> StartAsync(string? keyFile, Action<WebApplicationBuilder>? customize,
        params (string Key, string? Value)[] extra)
    {
        // A key given in extra replaces the platform's value.
        var settings = PlatformConfiguration(keyFile).Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
            .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Select(g => g.Last());
        var app = IssuerApp.Build(["--urls", "http://127.0.0.1:0"], settings, customize);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LoopbackIssuer(app, new Uri(app.Urls.Single()));
    }

    public static IEnumerable<KeyValuePair<string, string?>> PlatformConfiguration(string? keyFile)
    {
        yield return new("Logging:LogLevel:Default", "Warning");
        yield return new("Issuer:Issuer", IssuerIdentity.Issuer);
        yield return new("Issuer:Audiences:0", IssuerIdentity.Audience);
        yield return new("Issuer:Audiences:1", SecondAudience);
        for (var i = 0; i < IssuerIdentity.Tenants.Count; i++) yield return new($"Issuer:Tenants:{i}", IssuerIdentity.Tenants[i]);
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One issuer for a whole test class, with its key file.</summary>
public sealed class IssuerFixture : IAsyncLifetime
{
    public string KeyFile { get; } = LoopbackIssuer.NewKeyFile();
    public LoopbackIssuer Issuer { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Issuer = await LoopbackIssuer.StartAsync(KeyFile);

    public async ValueTask DisposeAsync() => await Issuer.DisposeAsync();
}
