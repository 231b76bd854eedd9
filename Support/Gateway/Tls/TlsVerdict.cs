using System.Net.Security;
using InferenceBox.Platform.Gateway.Tls;

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// The judges of the @tls scenarios, on recorded handshakes. Each returns what is wrong (empty: the claim holds), so a
/// failure says which part of the claim broke. Offline tests: tests/…/Edge/TlsVerdictTests.cs (real handshakes with a
/// Kestrel server on loopback and generated CAs).
/// </summary>
public static class TlsVerdict
{
    /// <summary>
    /// The handshake completed with no policy error, the chain the client built ends at exactly <paramref name="ca"/>,
    /// and the presented certificate names the host the client called.
    /// </summary>
    public static IReadOnlyList<string> VerifiesAgainst(TlsHandshake h, GatewayCa ca)
    {
        var problems = new List<string>();
        if (!h.Completed) problems.Add($"the handshake was refused: {h.Failure}");
        if (h.PolicyErrors != SslPolicyErrors.None) problems.Add($"the client's verification found {h.PolicyErrors} ({string.Join(", ", h.ChainStatus)})");
        if (!h.CertificatePresented) return [.. problems, "no certificate was presented"];
        if (!string.Equals(h.ChainRootThumbprint, ca.Thumbprint, StringComparison.OrdinalIgnoreCase))
            problems.Add($"the chain ends at {h.ChainRootSubject ?? "nothing"}, not at the platform's CA {ca}");
        if (!h.Names.Contains(h.Host, StringComparer.OrdinalIgnoreCase))
            problems.Add($"the certificate names {string.Join(", ", h.Names.DefaultIfEmpty("nothing"))}, not {h.Host}, the host the client called");
        return problems;
    }

    /// <summary>
    /// Refused at the handshake by the client's certificate verification, and for the chain, not the name: the server
    /// presented a certificate (a TLS server answered), the handshake did not complete, and the chain had no trusted
    /// root (UntrustedRoot, or PartialChain when the root was not sent). A connection that never reached TLS (refused,
    /// reset, plain HTTP) is not this refusal.
    /// </summary>
    public static IReadOnlyList<string> RefusedForItsChain(TlsHandshake h)
    {
        var problems = new List<string>();
        if (h.Completed) problems.Add($"the handshake completed: a client without the platform's CA trusted {h.Subject} (issued by {h.Issuer})");
        if (!h.CertificatePresented)
            return [.. problems, $"no certificate was presented, so nothing was verified: {h.Failure ?? "the connection did not reach TLS"}"];
        if (!h.PolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            problems.Add($"the client's verification found {(h.PolicyErrors == SslPolicyErrors.None ? "no error" : h.PolicyErrors.ToString())}, not a chain error");
        if (!h.ChainStatus.Any(s => s is "UntrustedRoot" or "PartialChain"))
            problems.Add($"the chain status is {string.Join(", ", h.ChainStatus.DefaultIfEmpty("empty"))}: no untrusted or missing root");
        return problems;
    }
}
