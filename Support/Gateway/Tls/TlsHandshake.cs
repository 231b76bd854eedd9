using System.Net.Security;
using InferenceBox.Platform.Emulator.Operations;

namespace InferenceBox.Specs.Support.Gateway.Tls;

/// <summary>
/// One TLS handshake as the client saw it: whether it completed, the certificate the server presented (its subject and
/// the DNS and IP names it carries), the chain the client built (root first is last: <see cref="ChainRootThumbprint"/>),
/// the policy errors and chain status the client's verification found, and the failure if it did not complete.
/// <see cref="CertificatePresented"/> false means no TLS server answered at all (a refused or reset connection, plain
/// HTTP), which is not a refusal by certificate verification.
/// </summary>
public sealed record TlsHandshake(
    string Host, int Port, string Trust, bool Completed, bool CertificatePresented, SslPolicyErrors PolicyErrors,
    IReadOnlyList<string> ChainStatus, string? Subject, string? Issuer, IReadOnlyList<string> Names,
    string? ChainRootThumbprint, string? ChainRootSubject, string? Failure)
{
    public override string ToString() =>
        $"TLS to {Host}:{Port} trusting {Trust}: {(Completed ? "completed" : "refused")}" +
        (CertificatePresented ? $"; presented {Subject} (names {string.Join(", ", Names.DefaultIfEmpty("none"))}) issued by {Issuer}" : "; no certificate presented") +
        (ChainRootSubject is null ? "" : $"; chain root {ChainRootSubject} (SHA-256 {ChainRootThumbprint?[..16]}…)") +
        (PolicyErrors == SslPolicyErrors.None ? "" : $"; policy errors {PolicyErrors}") +
        (ChainStatus.Count == 0 ? "" : $"; chain status {string.Join(", ", ChainStatus)}") +
        (Failure is null ? "" : $"; {Failure}");
}
