using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InferenceBox.Platform.Emulator.Operations;

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// Opens a TLS connection to the gateway and records the handshake (<see cref="TlsHandshake"/>) without sending a
/// request: either trusting exactly the platform's CA (<see cref="GatewayTrust"/>), or as a client that knows only the
/// machine's trust store. The verification is .NET's own (SslStream with the given chain policy, host name checked);
/// the callback only records what it found and returns its verdict unchanged. Bounded by <paramref name="budget"/>.
/// </summary>
public sealed class TlsProbe(TimeSpan budget)
{
    public const string SystemTrust = "the machine's trust store only";

    public Task<TlsHandshake> WithPlatformCaAsync(Uri url, GatewayTrust trust, CancellationToken ct = default) =>
        HandshakeAsync(url, trust.ClientOptions(url.Host), trust.Ca?.ToString() ?? trust.ToString(), ct);

    public Task<TlsHandshake> WithSystemTrustAsync(Uri url, CancellationToken ct = default) =>
        HandshakeAsync(url, new SslClientAuthenticationOptions { TargetHost = url.Host }, SystemTrust, ct);

    private async Task<TlsHandshake> HandshakeAsync(Uri url, SslClientAuthenticationOptions options, string trust, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(budget);
        Seen? seen = null;
        var verify = options.RemoteCertificateValidationCallback;
        options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            var accepted = verify?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            seen = Seen.Of(certificate, chain, errors);
            return accepted;
        };
        string? failure = null;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(url.Host, url.Port, deadline.Token);
            await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(options, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            failure = $"no handshake within {budget.TotalSeconds:0}s";
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            failure = $"{e.GetType().Name}: {e.Message}" + (e.InnerException is { } inner ? $" ({inner.Message})" : "");
        }
        return new TlsHandshake(url.Host, url.Port, trust, failure is null, seen is not null, seen?.Errors ?? SslPolicyErrors.None,
            seen?.ChainStatus ?? [], seen?.Subject, seen?.Issuer, seen?.Names ?? [], seen?.RootThumbprint, seen?.RootSubject, failure);
    }

    private sealed record Seen(SslPolicyErrors Errors, IReadOnlyList<string> ChainStatus, string? Subject, string? Issuer,
        IReadOnlyList<string> Names, string? RootThumbprint, string? RootSubject)
    {
        public static Seen Of(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            var leaf = certificate as X509Certificate2;
            var root = chain?.ChainElements is { Count: > 0 } elements ? elements[^1].Certificate : null;
            var status = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
            return new Seen(errors, status, leaf?.Subject, leaf?.Issuer, NamesOf(leaf),
                root?.GetCertHashString(HashAlgorithmName.SHA256), root?.Subject);
        }

        private static IReadOnlyList<string> NamesOf(X509Certificate2? leaf)
        {
            var san = leaf?.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            return san is null ? [] : [.. san.EnumerateDnsNames(), .. san.EnumerateIPAddresses().Select(ip => ip.ToString())];
        }
    }
}
