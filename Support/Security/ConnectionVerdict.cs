using InferenceBox.Platform.Cluster;


namespace InferenceBox.Specs.Support.Security;

/// <summary>
/// What a client pod's curl saw, told apart by the layer that stopped it (issue 19 items 3 and 7):
/// <list type="bullet">
/// <item>dropped: a NetworkPolicy. kindnetd's kube-network-policies drops the first packet of a refused connection
/// (kubernetes-sigs/kube-network-policies@v0.8.0 pkg/networkpolicy/controller.go, NfDrop), so the client's connect
/// times out: curl exit 28 with "Connection timed out after …" (curl lib/multi.c, the connect phase; the script's
/// --connect-timeout 5). Not "Operation timed out" (connected, then no answer) nor "Resolving timed out" (DNS), nor exit 7
/// (refused: a Service without endpoints), nor an HTTP answer.</item>
/// <item>reset: a sidecar requiring mutual TLS closes a plaintext connection before any HTTP answer: curl exit 56.</item>
/// </list>
/// </summary>
public static class ConnectionVerdict
{
    public static string? WhyNotDropped(InMeshResult r)
    {
        if (r.HttpStatus is { } status) return $"the connection opened and {r.Pod} got HTTP {status}: nothing dropped it";
        if (r.CurlExitCode != 28)
            return $"curl exit {r.CurlExitCode}, not 28: {Describe(r.CurlExitCode)} ({r.CurlErrors}), not a dropped connection";
        return r.CurlErrors.Contains("Connection timed out", StringComparison.Ordinal)
               || (r.CurlErrors.Contains("Failed to connect", StringComparison.Ordinal) && r.CurlErrors.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            ? null
            : $"curl timed out, but not while connecting ({r.CurlErrors}): the connection may have opened";
    }

    public static string? WhyNotReset(InMeshResult r) =>
        (r.CurlExitCode, r.HttpStatus) == (56, null) ? null
        : r.HttpStatus is { } status ? $"{r.Pod} got HTTP {status}: the plaintext connection was accepted"
        : $"curl exit {r.CurlExitCode}: {Describe(r.CurlExitCode)} ({r.CurlErrors}), not a reset by a sidecar requiring mutual TLS";

    private static string Describe(int exit) => exit switch
    {
        0 => "an HTTP answer",
        6 => "the name did not resolve",
        7 => "the connection was refused (a Service without endpoints, or a closed port)",
        28 => "a timeout",
        52 => "an empty reply",
        56 => "the connection was reset",
        _ => "another curl error",
    };
}
