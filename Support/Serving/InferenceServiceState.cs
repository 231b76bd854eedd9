using System.Text.Json;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>One traffic target of the predictor (Knative TrafficTarget in status.components.predictor.traffic).</summary>
public sealed record TrafficTarget(string? RevisionName, long Percent, bool LatestRevision, string? Tag)
{
    public override string ToString() => $"{RevisionName ?? "(latest)"}={Percent}%{(Tag is null ? "" : $" tag {Tag}")}";
}

/// <summary>
/// What a scenario needs from an InferenceService object: generation, readiness and the predictor's traffic. Whether it
/// is ready for its current spec is <see cref="InferenceBox.Platform.Cluster.ReadinessRules"/>' one rule, not decided here.
/// </summary>
public sealed record InferenceServiceState(long Generation, long ObservedGeneration, string Ready, string? ReadyMessage,
    string? LatestReadyRevision, string? LatestRolledoutRevision, IReadOnlyList<TrafficTarget> Traffic,
    IReadOnlyDictionary<string, string> Annotations, int? MinReplicas = null, string? StorageUri = null, long? CanaryTrafficPercent = null)
{
    public override string ToString() =>
        $"generation {Generation}, observedGeneration {ObservedGeneration}, Ready={Ready}" +
        (ReadyMessage is null ? "" : $" ({ReadyMessage})") + $", traffic [{string.Join(", ", Traffic)}]";

    public static InferenceServiceState Parse(JsonElement isvc)
    {
        var metadata = isvc.GetProperty("metadata");
        var status = isvc.TryGetProperty("status", out var s) ? s : default;
        var ready = Conditions(status).FirstOrDefault(c => Text(c, "type") == "Ready");
        var predictor = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("components", out var comps)
                        && comps.TryGetProperty("predictor", out var p) ? p : default;
        return new InferenceServiceState(
            Long(metadata, "generation"), Long(status, "observedGeneration"),
            ready.ValueKind == JsonValueKind.Object ? Text(ready, "status") ?? "Unknown" : "Unknown",
            ready.ValueKind == JsonValueKind.Object ? Text(ready, "message") : null,
            Text(predictor, "latestReadyRevision"), Text(predictor, "latestRolledoutRevision"),
            Array(predictor, "traffic").Select(t => new TrafficTarget(Text(t, "revisionName"), Long(t, "percent"),
                t.TryGetProperty("latestRevision", out var l) && l.ValueKind == JsonValueKind.True, Text(t, "tag"))).ToArray(),
            metadata.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object
                ? a.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString() ?? "") : [],
            isvc.TryGetProperty("spec", out var spec) && spec.TryGetProperty("predictor", out var pred)
                && pred.TryGetProperty("minReplicas", out var min) && min.TryGetInt32(out var m) ? m : null,
            Predictor(isvc) is { ValueKind: JsonValueKind.Object } p2 && p2.TryGetProperty("model", out var model) ? Text(model, "storageUri") : null,
            Predictor(isvc) is { ValueKind: JsonValueKind.Object } p3 && p3.TryGetProperty("canaryTrafficPercent", out var c) && c.TryGetInt64(out var pct) ? pct : null);
    }

    private static IEnumerable<JsonElement> Conditions(JsonElement status) => Array(status, "conditions");

    private static JsonElement Predictor(JsonElement isvc) =>
        isvc.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("predictor", out var p) ? p : default;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.TryGetInt64(out var v) ? v : 0;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
