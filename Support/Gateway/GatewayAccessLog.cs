using System.Text.Json;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// One line of the model gateway's access log, in the JSON format the EnvoyProxy in manifests/gateway/gateway.yaml
/// configures (Envoy Gateway writes one JSON object per line to the proxy's stdout; an empty value is null:
/// envoyproxy/gateway@v1.4.2 site/content/en/latest/troubleshooting/configuration.md shows such a line).
/// </summary>
public sealed record GatewayAccessLogEntry(string RequestId, int ResponseCode, string? ResponseCodeDetails, string? UpstreamHost,
    string? UpstreamCluster, string? RouteName, string? Path)
{
    /// <summary>The gateway answered itself: it picked no upstream host (Envoy logs "-", or null in JSON).</summary>
    public bool AnsweredLocally => UpstreamHost is null or "" or "-";

    public override string ToString() =>
        $"{ResponseCode} {ResponseCodeDetails ?? "(no details)"} upstream {(AnsweredLocally ? "none" : UpstreamHost)} route {RouteName ?? "-"} (request id {RequestId})";
}

/// <summary>Reads the entries out of the gateway proxy's logs, which also carry Envoy's own (non-JSON) log lines.</summary>
public static class GatewayAccessLog
{
    public const string RequestIdField = "x-request-id";

    public static IReadOnlyList<GatewayAccessLogEntry> Parse(string logs) =>
        logs.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')).Select(TryParse).OfType<GatewayAccessLogEntry>().ToList();

    public static GatewayAccessLogEntry? Find(string logs, string requestId) =>
        Parse(logs).LastOrDefault(e => string.Equals(e.RequestId, requestId, StringComparison.OrdinalIgnoreCase));

    private static GatewayAccessLogEntry? TryParse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, RequestIdField) is not { } id) return null;
            return new GatewayAccessLogEntry(id, Code(root), Text(root, "response_code_details"), Text(root, "upstream_host"),
                Text(root, "upstream_cluster"), Text(root, "route_name"), Text(root, "path"));
        }
        catch (JsonException) { return null; }
    }

    // Envoy writes %RESPONSE_CODE% as a number in JSON logs; accept a string too.
    private static int Code(JsonElement root) => root.TryGetProperty("response_code", out var c) switch
    {
        true when c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) => n,
        true when c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), out var s) => s,
        _ => 0,
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
