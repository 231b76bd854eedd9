using System.Globalization;
using System.Text.Json;

namespace InferenceBox.Specs.Support.Metrics;

/// <summary>One series of an instant query: its labels and its value at the evaluation time.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value, DateTimeOffset Timestamp)
{
    public override string ToString() =>
        "{" + string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\"")) + "} " +
        Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The answer of GET /api/v1/query: a vector (or a scalar, as one label-less sample).</summary>
public sealed record PrometheusResult(string Query, string ResultType, IReadOnlyList<PromSample> Samples)
{
    /// <summary>The sum over all series; an empty vector counts as 0, as a counter that has not been created yet.</summary>
    public double Sum => Samples.Sum(s => s.Value);

    /// <summary>Parses the documented envelope {"status","data":{"resultType","result"},"errorType","error"}.</summary>
    public static PrometheusResult Parse(string query, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status != "success")
            throw new PrometheusQueryException(query,
                $"{Text(root, "errorType") ?? "no errorType"}: {Text(root, "error") ?? "status " + (status ?? "missing")}");
        var data = root.GetProperty("data");
        var resultType = data.GetProperty("resultType").GetString() ?? "";
        var result = data.GetProperty("result");
        IReadOnlyList<PromSample> samples = resultType switch
        {
            "vector" => result.EnumerateArray().Select(e => Sample(Labels(e), e.GetProperty("value"))).ToArray(),
            "scalar" => [Sample(new Dictionary<string, string>(), result)],
            _ => throw new PrometheusQueryException(query,
                $"result type '{resultType}' is not supported by instant queries here; ask for a vector or a scalar"),
        };
        return new PrometheusResult(query, resultType, samples);
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.TryGetProperty("metric", out var metric)
            ? metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : [];

    // A sample is [<unix seconds as number>, "<value as string>"]; values may be NaN, +Inf or -Inf.
    private static PromSample Sample(Dictionary<string, string> labels, JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var text = pair[1].GetString() ?? "NaN";
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PromSample(labels, value, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

/// <summary>Prometheus refused or failed a query; says which query and what Prometheus said.</summary>
public sealed class PrometheusQueryException(string query, string reason)
    : Exception($"Prometheus query `{query}` failed: {reason}")
{
    public string Query { get; } = query;
}
