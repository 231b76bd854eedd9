using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// What the suite trusts when it calls the gateway over HTTPS: exactly the platform's CA (<see cref="GatewayCa"/>), never
/// the machine's trust store and never "skip verification". .NET's SslStream builds and checks the chain with
/// <see cref="ChainPolicy"/> (custom root trust: only this CA is a root) and checks the host name itself, so nothing
/// here re-implements certificate validation. One HTTP client per run carries it (gateway and issuer calls).
/// Without a CA (a dry run calls nothing) every handshake is refused, naming why.
/// </summary>
public sealed class GatewayTrust : IDisposable
{
    private readonly Lazy<HttpClient> _client;

    private GatewayTrust(GatewayCa? ca, string? unavailable)
    {
        Ca = ca;
        Unavailable = unavailable;
        _client = new Lazy<HttpClient>(() => new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan });
    }

    public GatewayCa? Ca { get; }

    /// <summary>Why there is no CA (dry run), or null.</summary>
    public string? Unavailable { get; }

    public static GatewayTrust Of(GatewayCa ca) => new(ca, null);

    public static GatewayTrust None(string why) => new(null, why);

    /// <summary>The client every gateway and issuer call of the run uses: the CA trusted, redirects never followed
    /// (a redirect is an answer the scenarios judge), timeouts owned by the callers' Polly pipelines.</summary>
    public HttpClient HttpClient => _client.Value;

    /// <summary>Chain building with this CA as the only root: no system roots, no downloads, no revocation lookups
    /// (the platform's CA publishes no CRL or OCSP endpoint).</summary>
    public X509ChainPolicy ChainPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (Ca is not null) policy.CustomTrustStore.Add(Ca.Certificate);
        return policy;
    }

    /// <summary>TLS client options for <paramref name="host"/> (null: the HTTP handler sets each request's host), whose
    /// name SslStream checks against the certificate's DNS and IP names.</summary>
    public SslClientAuthenticationOptions ClientOptions(string? host) => new()
    {
        TargetHost = host,
        CertificateChainPolicy = ChainPolicy(),
        RemoteCertificateValidationCallback = Ca is null ? (_, _, _, _) => false : null,
    };

    public SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        AllowAutoRedirect = false,
        SslOptions = ClientOptions(null),
    };

    public override string ToString() => Ca?.ToString() ?? $"no CA ({Unavailable})";

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
