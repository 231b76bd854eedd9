using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// The KServe V1 and V2 (Open Inference Protocol) request bodies and the predictions read from their answers.
/// Shapes per kserve v0.15.2 v1_endpoints.py / v2_endpoints.py.
/// </summary>
public static class KServePayloads
{
    public static string V1Path(string model) => $"v1/models/{model}:predict";
    public static string V2Path(string model) => $"v2/models/{model}/infer";

    public static string V1Request(double[][] instances) =>
        new JsonObject { ["instances"] = JsonSerializer.SerializeToNode(instances) }.ToJsonString();

    public static string V2Request(double[][] inputs) => new JsonObject
    {
        ["inputs"] = new JsonArray(new JsonObject
        {
            ["name"] = "input-0",
            ["shape"] = new JsonArray(inputs.Length, inputs.Length == 0 ? 0 : inputs[0].Length),
            ["datatype"] = "FP32",
            ["data"] = JsonSerializer.SerializeToNode(inputs),
        }),
    }.ToJsonString();

    /// <summary>The "predictions" of a V1 answer; a body without them is an error naming what came back.</summary>
    public static IReadOnlyList<long> V1Predictions(GatewayExchange e) =>
        Numbers(e, root => root["predictions"], "\"predictions\"");

    /// <summary>The data of the first output of a V2 answer.</summary>
    public static IReadOnlyList<long> V2Outputs(GatewayExchange e) =>
        Numbers(e, root => root["outputs"]?[0]?["data"], "\"outputs\"[0].\"data\"");

    /// <summary>The "predictions" of a V1 answer body received some other way (e.g. by an in-cluster client pod).</summary>
    public static IReadOnlyList<long> V1Predictions(string body, string answeredBy) => Numbers(body, answeredBy, root => root["predictions"], "\"predictions\"");

    private static IReadOnlyList<long> Numbers(GatewayExchange e, Func<JsonNode, JsonNode?> pick, string what) =>
        Numbers(e.Body, $"{e.Method} {e.Url} answered {e.StatusCode}", pick, what);

    private static IReadOnlyList<long> Numbers(string body, string answeredBy, Func<JsonNode, JsonNode?> pick, string what)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(body) is { } root ? pick(root) : null; }
        catch (JsonException) { node = null; }
        if (node is not JsonArray array)
            throw new InvalidDataException($"{answeredBy} without {what}: {Truncate(body)}");
        return array.SelectMany(Flatten).Select(n => (long)Math.Round(n.GetValue<double>())).ToList();
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Flatten),
        null => [],
        _ => [node],
    };

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
