using System.Text.Encodings.Web;
using System.Text.Json;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Isolation;
using InferenceBox.Platform.Diagnostics;

namespace InferenceBox.Specs.Support.Diagnostics;

/// <summary>
/// Writes a failed scenario's evidence to &lt;results&gt;/scenarios/&lt;slug&gt;/ BEFORE its objects are cleaned up:
/// failure.txt, timeline.txt, exchanges.json (claims, never tokens), objects/*.json, events.txt, logs/*.log.
/// Every file passes through <see cref="Redactor"/>.
/// </summary>
public static class FailureDiagnostics
{
    public const int MaxBodyChars = 4096;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FolderFor(string resultsDir, ScenarioIdentity scenario) => Path.Combine(resultsDir, "scenarios", scenario.Slug);

    public static async Task<string> WriteAsync(string resultsDir, ScenarioIdentity scenario, string? error, ScenarioTimeline timeline,
        IClusterEvidenceSource? cluster, CancellationToken ct = default)
    {
        var folder = FolderFor(resultsDir, scenario);
        Directory.CreateDirectory(folder);
        await Write(folder, "failure.txt", $"{scenario.Feature}: {scenario.Title}\nstarted {scenario.StartedAt:O}\n\n{error}", ct);
        await Write(folder, "timeline.txt", string.Join('\n', timeline.Entries.Select(e => $"{e.At:HH:mm:ss.fff} [{e.Driver}] {e.What}")), ct);
        await Write(folder, "exchanges.json", JsonSerializer.Serialize(timeline.Exchanges.Select(Printable), Indented), ct);
        if (cluster is null) return folder;
        ClusterEvidence evidence;
        try
        {
            evidence = await cluster.CollectAsync(timeline.Involved, scenario.StartedAt, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Write(folder, "cluster-evidence-error.txt", $"Cluster evidence could not be collected: {e}", ct);
            return folder;
        }
        foreach (var (name, json) in evidence.Objects) await Write(folder, Path.Combine("objects", Safe(name) + ".json"), json, ct);
        await Write(folder, "events.txt", string.Join("\n\n", evidence.Events.Select(e => $"## {e.Key}\n{string.Join('\n', e.Value)}")), ct);
        foreach (var (name, log) in evidence.PodLogs) await Write(folder, Path.Combine("logs", Safe(name) + ".log"), log, ct);
        return folder;
    }

    /// <summary>An exchange as written: status, headers, truncated body, token claims. No raw token exists in it.</summary>
    public static object Printable(GatewayExchange e) => new
    {
        e.Method, Url = e.Url.ToString(), e.StatusCode, e.RequestId, LatencyMs = Math.Round(e.Latency.TotalMilliseconds, 1),
        e.Headers, e.TokenClaims, Body = e.Body.Length > MaxBodyChars ? e.Body[..MaxBodyChars] + "…(truncated)" : e.Body,
    };

    private static async Task Write(string folder, string relative, string content, CancellationToken ct)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, Redactor.Redact(content), ct);
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
