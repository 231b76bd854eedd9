using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Whether an in-mesh call to a predictor's pods got an answer that only a completed mutual TLS exchange with the
/// predictor's sidecar can give. Under STRICT mTLS the server's sidecar speaks HTTP only after the handshake, so
/// its answers prove it: 403 "RBAC: access denied" from its authorization filter, or 200 with the model's prediction.
/// An HTTP answer alone proves nothing: when the handshake fails, the CLIENT's sidecar answers the client itself with
/// 503 "upstream connect error or disconnect/reset before headers. reset reason: connection termination" (Envoy's
/// router local reply, as envoyproxy/envoy test/extensions/filters/http/grpc_web/grpc_web_filter_integration_test.cc
/// expects it), and a client sidecar runs no RBAC filter on outbound calls, so it never answers "RBAC: access denied".
/// </summary>
public static class MeshTlsAnswer
{
    public const string RbacDenied = "RBAC: access denied";

    /// <summary>Null when <paramref name="result"/> proves a completed mTLS exchange; otherwise why it does not.</summary>
    public static string? WhyNot(InMeshResult result, IReadOnlyList<long> expectedPredictions)
    {
        if (result.CurlExitCode != 0 || result.HttpStatus is null)
            return $"no HTTP answer (curl exit {result.CurlExitCode}): {result.CurlErrors}";
        if (result.HttpStatus == 403)
            return result.Body.Trim() == RbacDenied ? null : $"403 with \"{Short(result.Body)}\", not the server sidecar's \"{RbacDenied}\"";
        if (result.HttpStatus != 200)
            return $"{result.HttpStatus} \"{Short(result.Body)}\": an answer the client's own sidecar gives when the handshake fails proves nothing";
        try
        {
            var predictions = Gateway.KServePayloads.V1Predictions(result.Body, $"pod {result.Pod}");
            return predictions.SequenceEqual(expectedPredictions) ? null
                : $"200 with predictions [{string.Join(", ", predictions)}], not the model's [{string.Join(", ", expectedPredictions)}]";
        }
        catch (InvalidDataException e) { return $"200 without the model's prediction: {e.Message}"; }
    }

    private static string Short(string body) => body.Length <= 120 ? body.Trim() : body[..120] + "…";
}
