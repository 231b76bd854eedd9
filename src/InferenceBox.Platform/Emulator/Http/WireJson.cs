using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Emulator.Http;

/// <summary>JSON as Go's encoder writes it for the API server: quotes as <c>\"</c>, no <c>\u0022</c> escapes of ordinary characters.</summary>
public static class WireJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
