using System.Text.Json;

namespace InferenceBox.Specs.Support.Traces;

/// <summary>One span of a trace, with its service resolved from the trace's process table.</summary>
public sealed record TraceSpan(string SpanId, string? ParentSpanId, string OperationName, string Service,
    DateTimeOffset Start, TimeSpan Duration, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// A trace as Jaeger's query API returns it (GET /api/traces/{id}: {"data":[{"traceID","spans","processes"}]}).
/// Spans whose process is missing (still being written, or dropped) are kept with service "(unknown)".
/// </summary>
public sealed record JaegerTrace(string TraceId, IReadOnlyList<TraceSpan> Spans)
{
    public const string UnknownService = "(unknown)";

    public IReadOnlyList<string> Services => Spans.Select(s => s.Service).Distinct().Order().ToArray();

    public override string ToString() =>
        $"trace {TraceId}: {Spans.Count} spans from [{string.Join(", ", Services)}]";

    /// <summary>Null when Jaeger knows no such trace (empty data); throws on a body that is not Jaeger's shape.</summary>
    public static JaegerTrace? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || data.GetArrayLength() == 0)
            return null;
        var trace = data[0];
        var services = trace.TryGetProperty("processes", out var processes) && processes.ValueKind == JsonValueKind.Object
            ? processes.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value, "serviceName") ?? UnknownService)
            : [];
        var spans = trace.TryGetProperty("spans", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Select(span => Span(span, services)).ToArray()
            : [];
        return new JaegerTrace(Text(trace, "traceID") ?? "", spans);
    }

    private static TraceSpan Span(JsonElement span, Dictionary<string, string> services) => new(
        Text(span, "spanID") ?? "",
        span.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array
            ? refs.EnumerateArray().Where(r => Text(r, "refType") == "CHILD_OF").Select(r => Text(r, "spanID")).FirstOrDefault()
            : null,
        Text(span, "operationName") ?? "",
        Text(span, "processID") is { } pid && services.TryGetValue(pid, out var service) ? service : UnknownService,
        DateTimeOffset.UnixEpoch.AddTicks(Long(span, "startTime") * 10),
        TimeSpan.FromTicks(Long(span, "duration") * 10),
        span.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => Text(t, "key") is not null)
                .GroupBy(t => Text(t, "key")!).ToDictionary(g => g.Key, g => Value(g.First()))
            : []);

    private static string Value(JsonElement tag) =>
        tag.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()) : "";

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.TryGetInt64(out var v) ? v : 0;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
